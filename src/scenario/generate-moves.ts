// What `timeclock scenario generate` may do to a clock: a few set-ups (an open clock, a staffed one with
// every kind of credential, one online with the embedded cloud, a card-only model) and, for each, the
// moves of the scenario vocabulary it tries (keys, typed IDs, fingers, cards, waits, the link and the
// cloud, LAN requests, the disk) and the paths planned for it (generate-plans.ts).
import { ALL_KEYS, modelHasKey } from '../../firmware/index.js';
import { loadDeviceModel } from '../devices/index.js';
import { ONLINE_PLANS, OPEN_PLANS, STAFFED_PLANS, type Plan } from './generate-plans.js';

/** A move: one or a few steps as a scenario file writes them. */
export type Move = Record<string, unknown>[];

export interface GenerateSetup {
  /** Short name, used in file names. */
  name: string;
  /** Why this set-up exists, written at the top of its files. */
  purpose: string;
  /** The scenario's set-up fields, as a file writes them. */
  fields: Record<string, unknown>;
  moves: Move[];
  /** Paths planned through the graph, tried first, each from a fresh clock. */
  plans: Plan[];
}

const CLOCK = { serial: 'TC1A000001', time: '2026-11-25T07:58:00' };

const UNA = { first: 'Una', last: 'User', badge: 1003, nonSecure: true, fingers: ['right-index'], card: 5003 };
const STAFF = [
  {
    first: 'Ada',
    last: 'Admin',
    badge: 1001,
    role: 'administrator',
    nonSecure: true,
    password: 1234,
    fingers: ['right-index'],
    card: 5001,
  },
  { first: 'Max', last: 'Manager', badge: 1002, role: 'manager', nonSecure: true, fingers: ['right-index'] },
  UNA,
  { first: 'Sam', last: 'Secure', badge: 1004, verify: 'card+finger', card: 5004, fingers: ['right-index'] },
  { first: 'Pia', last: 'Pin', badge: 1005, verify: 'finger+password', password: 5555, fingers: ['right-index'] },
  {
    first: 'Tom',
    last: 'Three',
    badge: 1007,
    verify: 'finger+password+card',
    password: 7777,
    card: 5007,
    fingers: ['right-index'],
  },
  { first: 'Ida', last: 'Ident', badge: 1008, verify: 'id+finger', fingers: ['right-index'] },
];

/** Waits that outlast the firmware's timers: a result (3 s), attention lapsing (10 s) and going (50 s). */
const WAITS: Move[] = ['3s', '10s', '50s'].map((advance) => [{ advance }]);

function keyMoves(device: string): Move[] {
  const model = loadDeviceModel(device);
  // Digits past 6 pick no menu item and type as any other digit does: fewer moves, a denser search.
  const keys = ALL_KEYS.filter((key) => modelHasKey(model, key) && !['7', '8', '9'].includes(key));
  return keys.map((press) => [{ press }]);
}

function credentialMoves(people: readonly Record<string, unknown>[], fingers: boolean): Move[] {
  const moves: Move[] = [[{ keys: '9999' }], [{ card: 99999 }]];
  for (const p of people) {
    moves.push([{ keys: String(p.badge) }]);
    if (p.password !== undefined) moves.push([{ keys: String(p.password) }]);
    if (p.card !== undefined) moves.push([{ card: p.card }]);
    if (fingers && p.fingers !== undefined) moves.push([{ finger: `${String(p.badge)}/right-index` }]);
  }
  if (fingers) {
    moves.push([{ finger: { unknown: true } }], [{ finger: { badge: 1003, finger: 'right-index', quality: 'poor' } }]);
    // Five failures in a row lock the keypad: one move, as a person trying unknown fingers would.
    moves.push(Array.from({ length: 5 }, () => [{ finger: { unknown: true } }, { advance: '3s' }]).flat());
  }
  return moves;
}

/** What an SDK client asks: disable and enable, and a remote enrollment where there is a finger reader. */
function lanMoves(fingers: boolean): Move[] {
  const moves: Move[] = [[{ lan: 'disable' }], [{ lan: 'enable' }]];
  return fingers ? [...moves, [{ lan: { enroll: '1003/left-index' } }]] : moves;
}

/** The data volume fills up and is freed again. */
const DISK: Move[] = [[{ disk: 'full' }], [{ disk: 'ok' }]];

/** The `menu:` step: straight to a page, verifying as `as` when the clock asks (a walk ends where it fails). */
function menuMoves(as: number | undefined, paths: readonly string[][]): Move[] {
  return paths.map((path) => [{ menu: as === undefined ? path : { path, as } }]);
}

const ADMIN_PAGES = [
  [],
  ['User management'],
  ['Enroll fingerprint'],
  ['Settings'],
  ['Settings', 'Network'],
  ['Settings', 'Network', 'IP'],
  ['Settings', 'Punch rules'],
  ['Settings', 'Punch rules', 'Duplicate window'],
  ['Settings', 'Date and time'],
  ['Settings', 'Cloud server'],
  ['Settings', 'About device'],
];

export function generateSetups(): GenerateSetup[] {
  return [
    {
      name: 'open',
      purpose: 'no administrator is enrolled yet, so the menu is open to anyone',
      fields: { clock: CLOCK, cloud: 'none', employees: [UNA] },
      moves: [
        ...keyMoves('biometric'),
        ...credentialMoves([UNA], true),
        ...WAITS,
        ...menuMoves(undefined, [[], ['Enroll fingerprint'], ['Settings']]),
        ...lanMoves(true),
        ...DISK,
      ],
      plans: OPEN_PLANS,
    },
    {
      name: 'staffed',
      purpose: 'an administrator, a manager and users with every kind of credential and verify mode',
      fields: { clock: CLOCK, cloud: 'none', employees: STAFF },
      moves: [
        ...keyMoves('biometric'),
        ...credentialMoves(STAFF, true),
        ...WAITS,
        ...menuMoves(1001, ADMIN_PAGES),
        // Enrolling takes a person a few steps before the scans: to the finger list for Una, in one move.
        [{ menu: { path: ['Enroll fingerprint'], as: 1001 } }, { keys: '1003' }, { press: 'OK' }],
        [{ finger: '1003/left-index' }],
        ...menuMoves(1002, [[]]),
        ...lanMoves(true),
        ...DISK,
      ],
      plans: STAFFED_PLANS,
    },
    {
      name: 'online',
      purpose: 'the embedded cloud: the link and the server go down and come back',
      // A site an hour east of UTC: the cloud's TimeZone reaches the clock as a settings change.
      fields: { clock: { ...CLOCK, timezone: '+01:00' }, cloud: 'embedded', employees: [UNA] },
      moves: [
        [{ network: 'down' }],
        [{ network: 'up' }],
        [{ cloud: 'down' }],
        [{ cloud: 'up' }],
        [{ sync: 'idle' }],
        [{ keys: '1003' }, { press: 'OK' }],
        ...WAITS,
      ],
      plans: ONLINE_PLANS,
    },
    {
      name: 'card-only',
      purpose: 'a clock model with a card reader and no fingerprint reader',
      fields: { device: 'proximity', clock: { time: CLOCK.time }, cloud: 'none', employees: [{ ...UNA, fingers: [] }] },
      moves: [
        ...keyMoves('proximity'),
        ...credentialMoves([{ ...UNA, fingers: undefined }], false),
        ...WAITS,
        ...lanMoves(false),
        ...DISK,
      ],
      plans: [],
    },
  ];
}
