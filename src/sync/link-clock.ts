// What a round of the link takes from a handshake into the clock (the device key, the stamps that ask
// for a table again, the server's time) and what it reads from the clock for the server (the INFO of a
// poll). Every change goes to the clock as an event: the firmware decides and its effects write.
import { FINGER_ALGORITHM } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import { formatInfoParam } from '../protocol/index.js';
import type { Logger } from '../log.js';
import { settingsForServerTime } from './clock-time.js';
import type { Handshake } from './push-client.js';

/** Says what in a handshake's answer was not options the clock could use. */
export function warnOddHandshake(log: Logger, server: string, answer: Handshake): void {
  for (const problem of answer.problems) log.warn({ problem }, 'handshake: option ignored');
  if (answer.withoutOptions === undefined) return;
  log.warn(
    { server, answer: answer.withoutOptions },
    `handshake: ${server} answered ${answer.withoutOptions === 'nothing' ? 'nothing' : `"${answer.withoutOptions}"`} ` +
      'instead of its options: the clock runs on its default options (Delay, ErrorDelay, TransFlag…)',
  );
}

/** A device key the server issued (Security PUSH's RegistryCode) is kept in the clock's settings. */
export function keepKey(clock: Clock, log: Logger, answer: Handshake): void {
  const key = answer.registryCode;
  if (key === undefined || key === clock.settings().cloudKey) return;
  log.info('handshake: the server issued this clock a device key; kept for every request');
  clock.send({ type: 'settings.changed', settings: { ...clock.settings(), cloudKey: key } });
}

/**
 * A stamp of 0 asks for the table again from the start; any other stamp is the server's own business.
 * Returns whether a table is to be uploaded again.
 */
export function applyStamps(clock: Clock, log: Logger, answer: Handshake): boolean {
  const stamps = { ATTLOG: answer.options.attlogStamp, OPERLOG: answer.options.operlogStamp } as const;
  let again = false;
  for (const [table, stamp] of Object.entries(stamps)) {
    if (stamp !== '0' || clock.records.cursors.get(table) === 0) continue;
    log.info({ table }, 'handshake: stamp 0, uploading the table again from the start');
    clock.send({ type: 'upload.acknowledged', table, seq: 0 });
    again = true;
  }
  return again;
}

/** The clock's zone and offset from the server's Date and TimeZone, when they say something new. */
export function setTime(clock: Clock, log: Logger, answer: Handshake): void {
  const settings = settingsForServerTime(
    clock.settings(),
    answer.serverUtc,
    answer.timeZoneMinutes,
    clock.source.now(),
  );
  if (settings === undefined) return;
  log.info({ zone: settings.timeZoneMinutes, offsetMs: settings.clockOffsetMs }, 'clock set from the server');
  clock.send({ type: 'settings.changed', settings });
}

/** The INFO a poll carries: firmware, counts, address, fingerprint algorithm. */
function infoParam(clock: Clock): string {
  const { records: ports, model } = clock;
  return formatInfoParam({
    firmware: model.firmwareVersion,
    users: ports.users.count(),
    fingerprints: ports.templates.count(),
    attendanceRecords: ports.punches.count(),
    ip: clock.settings().ip,
    // ZKFinger 10, what servers expect of such clocks, and what BIODATA's MajorVer says.
    fingerprintAlgorithm: String(FINGER_ALGORITHM.major),
    rest: [],
  });
}

/**
 * infoParam at every poll, written again only when a count or the address changed: a clock polls every
 * Delay and its counts move a few times a day, so the text of the last poll is almost always the answer.
 */
export class InfoParam {
  private last:
    { users: number; fingerprints: number; punches: number; ip: string; firmware: string; text: string } | undefined;

  of(clock: Clock): string {
    const { records: ports } = clock;
    const users = ports.users.count();
    const fingerprints = ports.templates.count();
    const punches = ports.punches.count();
    const { ip } = clock.settings();
    const firmware = clock.model.firmwareVersion;
    const last = this.last;
    const same =
      last?.users === users &&
      last.fingerprints === fingerprints &&
      last.punches === punches &&
      last.ip === ip &&
      last.firmware === firmware;
    if (same) return last.text;
    this.last = { users, fingerprints, punches, ip, firmware, text: infoParam(clock) };
    return this.last.text;
  }
}

/** What the clock tells a server of itself in `table=options`, as a real clock of its model does. */
export function deviceOptions(clock: Pick<Clock, 'model' | 'serialNumber' | 'macAddress'>): Record<string, string> {
  return {
    '~SerialNumber': clock.serialNumber,
    '~DeviceName': clock.model.displayName,
    FWVersion: clock.model.firmwareVersion,
    MAC: clock.macAddress,
  };
}
