// The face page, rendered on the server with preact (JSX escapes every value, as the portal's pages do):
// the screen as the frame model lays it out, the keypad from the model's rows, the LEDs and the beeper,
// the label on the back, and the simulator's hands. face.js keeps it live and makes the buttons press.
import type { ComponentChildren } from 'preact';
import type { DeviceModel, Key } from '../../firmware/index.js';
import { FINGER_NAMES } from '../../firmware/index.js';
import type { FaceView, IconPart } from './frame-view.js';
import type { CardChoice, PersonChoice } from './roster.js';

export interface FacePageProps {
  model: DeviceModel;
  serialNumber: string;
  macAddress: string;
  view: FaceView;
  /** False for someone who may look and not press (a read-only account): every control is disabled. */
  canPress: boolean;
  /** Who is looking, as the bar says it: `admin (SysAdmin)`, `this machine (loopback)`. */
  who: string;
  csrf: string;
  /** The portal's home when the face is one of its pages. */
  portal: string | undefined;
  people: (PersonChoice & { fid: number })[];
  cards: CardChoice[];
  /** Whether the cloud answers now; undefined without a cloud. */
  cloudReachable: boolean | undefined;
}

/** A key's face and its name for assistive technology. */
const KEY_LABELS: Partial<Record<Key, [string, string]>> = {
  OK: ['OK', 'OK'],
  ESC: ['Esc', 'ESC'],
  MENU: ['≡ Menu', 'Menu'],
  UP: ['▲', 'Up'],
  DOWN: ['▼', 'Down'],
  BACK: ['⌫', 'Back'],
};

function Icon({ part, name }: { part: IconPart; name: string }) {
  return (
    <span class={`icon ${part.state}`} data-icon={name}>
      {part.glyph}
      <span class="mark">{part.mark}</span>
    </span>
  );
}

/** The screen's rows; face.js draws the same structure for each new frame. */
function Screen({ view, canPress }: { view: FaceView; canPress: boolean }) {
  const { status } = view;
  return (
    <div id="screen" class="screen" aria-live="polite" aria-label="Screen">
      <div class="row status">
        {view.menuIcon ? (
          <button
            type="button"
            class="menu-icon"
            data-key="MENU"
            aria-label="Menu icon on the screen"
            disabled={!canPress}
          >
            {status.menu}
          </button>
        ) : (
          <span>{status.menu}</span>
        )}
        <span class="title">{status.title}</span>
        <span>{' '.repeat(status.gap)}</span>
        <Icon part={status.network} name="network" /> <Icon part={status.cloud} name="cloud" />
      </div>
      {view.lines.map((line) => (
        <div class="row">{line}</div>
      ))}
    </div>
  );
}

function Keypad({ model, canPress }: { model: DeviceModel; canPress: boolean }) {
  return (
    <div class="keypad" role="group" aria-label="Keypad">
      {model.keypad.map((row) => (
        <div class="keys">
          {row.map((key) => {
            const [face, name] = KEY_LABELS[key] ?? [key, key];
            return (
              <button type="button" class="key" data-key={key} aria-label={name} disabled={!canPress}>
                {face}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}

function BackLabel({ model, serialNumber, macAddress }: Pick<FacePageProps, 'model' | 'serialNumber' | 'macAddress'>) {
  const readers = [model.readers.fingerprint ? 'finger' : '', model.readers.proximity ? 'card' : '', 'keypad'];
  const rows: [string, string][] = [
    ['Model', model.model],
    ['S/N', serialNumber],
    ['MAC', macAddress],
    ['Firmware', model.firmwareVersion],
    ['Readers', readers.filter(Boolean).join(', ')],
  ];
  return (
    <details class="back">
      <summary>Back of the clock: the label</summary>
      <dl>
        {rows.map(([name, value]) => (
          <>
            <dt>{name}</dt>
            <dd class={name === 'S/N' ? 'serial' : undefined}>{value}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}

function Hands(props: FacePageProps) {
  const { model, canPress, people, cards } = props;
  const off = !canPress;
  return (
    <section class="hands" aria-labelledby="hands-title">
      <h2 id="hands-title">Simulator</h2>
      {model.readers.fingerprint && (
        <fieldset>
          <legend>Fingerprint reader</legend>
          <Choice id="finger-person" label="Whose finger" off={off}>
            {people.map((p) => (
              <option value={p.person} data-fid={String(p.fid)}>
                {p.label}
              </option>
            ))}
          </Choice>
          <Choice id="finger-which" label="Which finger" off={off}>
            {FINGER_NAMES.map((name, fid) => (
              <option value={String(fid)} selected={fid === (people[0]?.fid ?? 6)}>
                {name}
              </option>
            ))}
          </Choice>
          <Hand hand="finger" off={off}>
            Place finger
          </Hand>
          <Hand hand="poor" off={off}>
            Poor read
          </Hand>
        </fieldset>
      )}
      {model.readers.proximity && (
        <fieldset>
          <legend>Card reader</legend>
          <Choice id="card" label="Card number" off={off}>
            {cards.map((c) => (
              <option value={c.card}>{c.label}</option>
            ))}
            <option value="4000000001">Unknown card 4000000001</option>
          </Choice>
          <Hand hand="card" off={off}>
            Tap card
          </Hand>
        </fieldset>
      )}
      <fieldset>
        <legend>Lines</legend>
        <button type="button" data-hand="network" aria-pressed="false" disabled={off}>
          Unplug the network
        </button>
        <button
          type="button"
          data-hand="cloud"
          aria-pressed="false"
          disabled={off || props.cloudReachable === undefined}
        >
          {props.cloudReachable === undefined ? 'No cloud to cut' : 'Cut the cloud'}
        </button>
      </fieldset>
      <p id="said" role="status"></p>
    </section>
  );
}

/** A labelled list the hands choose from (whose finger, which card); disabled for a viewer who cannot press. */
function Choice(props: { id: string; label: string; off: boolean; children: ComponentChildren }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} disabled={props.off}>
        {props.children}
      </select>
    </>
  );
}

/** A button face.js turns into the hand's event (`data-hand`). */
function Hand(props: { hand: string; off: boolean; children: ComponentChildren }) {
  return (
    <button type="button" data-hand={props.hand} disabled={props.off}>
      {props.children}
    </button>
  );
}

export function FacePage(props: FacePageProps) {
  const { model, view, canPress } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`Clock ${props.serialNumber} · timeclock`}</title>
        <link rel="stylesheet" href="/clock/face.css" />
        <script src="/clock/face.js" defer></script>
      </head>
      <body data-csrf={props.csrf} data-can-press={String(canPress)}>
        <header class="bar">
          {props.portal !== undefined ? (
            <a class="brand" href={props.portal}>
              timeclock portal
            </a>
          ) : (
            <span class="brand">timeclock</span>
          )}
          <span>{`Clock ${props.serialNumber}`}</span>
          <span class="who">{props.who}</span>
        </header>
        <main>
          {!canPress && <p class="note">Your account is read-only: you can watch this clock, not press it.</p>}
          <section class="device" aria-label={`The clock: ${model.displayName}`}>
            <Screen view={view} canPress={canPress} />
            <div class="lights">
              <span id="led-green" class={`led green${view.leds.green ? ' lit' : ''}`}>
                OK
              </span>
              <span id="led-red" class={`led red${view.leds.red ? ' lit' : ''}`}>
                ERR
              </span>
              <span id="beeper" class="beeper">
                ♪
              </span>
              <button type="button" id="mute" aria-pressed="false">
                Mute the beeper
              </button>
            </div>
            <Keypad model={model} canPress={canPress} />
            <BackLabel model={model} serialNumber={props.serialNumber} macAddress={props.macAddress} />
          </section>
          <Hands {...props} />
        </main>
      </body>
    </html>
  );
}
