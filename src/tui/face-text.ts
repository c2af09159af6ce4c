// The device face as tagged text, from the screen frame alone: the status bar with the menu icon and
// the two online icons, the body lines, the LEDs, the beeper and the label on the back. No state here.
import type { DeviceModel, ScreenFrame } from '../../firmware/index.js';
import { faceView, type IconPart } from '../face/index.js';
import type { Theme } from './theme.js';

/** Blessed tags are `{…}`: frame text (names, messages) must not be read as tags. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}'));
}

/** `≡ 07:58 ……… ⇄x ☁x`, `columns` wide: the face's one layout (src/face/frame-view.ts), with colours. */
export function statusBar(frame: ScreenFrame, columns: number, theme: Theme): string {
  return screenLines(frame, columns, 1, theme)[0] ?? '';
}

/** The screen's rows: status bar then the body, padded to `rows` so that old text is always overwritten. */
export function screenLines(frame: ScreenFrame, columns: number, rows: number, theme: Theme): string[] {
  const view = faceView(frame, { columns, rows }, theme.glyphs);
  const { status } = view;
  const icon = (part: IconPart) => `${part.glyph}${part.state === 'none' ? part.mark : theme.alarm(part.mark)}`;
  const bar = `{bold}${status.menu}${escapeTags(status.title)}{/bold}${' '.repeat(status.gap)}${icon(status.network)} ${icon(status.cloud)}`;
  return [bar, ...view.lines.map(escapeTags)];
}

/** The LEDs as the frame sets them. */
export function ledsText(frame: ScreenFrame, theme: Theme): string {
  const g = theme.glyphs;
  const led = (on: boolean, color: 'green' | 'red', name: string) =>
    on ? `${theme.lit(g.ledOn, color)} ${name}` : `${theme.dim(g.ledOff)} ${name}`;
  return `${led(frame.leds.green, 'green', 'OK')}  ${led(frame.leds.red, 'red', 'ERR')}`;
}

/** The beeper: lit for the moment a sound plays (one beep for good, two for an error), dim otherwise. */
export function beeperText(beep: ScreenFrame['beep'], sounding: boolean, theme: Theme): string {
  const g = theme.glyphs;
  if (!sounding || beep === 'none') return theme.dim(`${g.beep}     `);
  return beep === 'ok' ? theme.lit(`${g.beep} BEEP`, 'green') : theme.lit(`${g.beep} BEEP BEEP`, 'red');
}

export interface ClockIdentity {
  model: DeviceModel;
  serialNumber: string;
  macAddress: string;
}

/** The label on the back of the clock, where the support article sends people for the serial number. */
export function backLabelLines(id: ClockIdentity): string[] {
  const readers = [id.model.readers.fingerprint ? 'finger' : '', id.model.readers.proximity ? 'card' : '', 'keypad'];
  const row = (name: string, value: string) => `${name.padEnd(9)}${escapeTags(value)}`;
  return [
    `{bold}${escapeTags(id.model.displayName)}{/bold}`,
    '',
    row('Model', id.model.model),
    `{bold}${row('S/N', id.serialNumber)}{/bold}`,
    row('MAC', id.macAddress),
    row('Firmware', id.model.firmwareVersion),
    row('Readers', readers.filter(Boolean).join(', ')),
    '',
    barcode(id.serialNumber),
  ];
}

/** A drawn barcode of the serial number: decoration that makes the label read as a label. */
function barcode(serial: string): string {
  return [...serial].map((c) => (c.charCodeAt(0) % 2 === 0 ? '|' : '||') + ' ').join('');
}
