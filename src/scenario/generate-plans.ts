// Paths planned through the firmware's graph for the transitions a random walk rarely finds: their guards
// need a set-up first (four or five failures in a row, a user whose second factor is a card, a finger
// already someone else's, a full disk, an enrollment an SDK client started). Each is tried from a fresh clock.
import type { Move } from './generate-moves.js';

export interface Plan {
  /** What the path shows, as a scenario's name says it; also the file's name. */
  title: string;
  moves: Move[];
}

/** A failed identification, then the result's 3 s: the keypad counts one failure toward its lock. */
const FAILURE: Move = [{ finger: { unknown: true } }, { advance: '3s' }];
const failures = (n: number): Move[] => Array.from({ length: n }, () => FAILURE);
const scans = (finger: string, n = 3): Move[] => Array.from({ length: n }, () => [{ finger }]);
const REMOTE_ENROLL: Move = [{ lan: { enroll: '1003/left-index' } }];

/** For a set-up with Una (1003, ID or finger) only. */
export const OPEN_PLANS: Plan[] = [
  {
    title: 'a full disk refuses the punch, which is stored once the disk takes writes again',
    moves: [
      [{ disk: 'full' }],
      [{ keys: '1003' }, { press: 'OK' }],
      [{ advance: '3s' }],
      [{ disk: 'ok' }],
      [{ keys: '1003' }, { press: 'OK' }],
    ],
  },
  {
    title: 'an SDK client disables the clock (punches refused), asks again, and enables it',
    moves: [[{ lan: 'disable' }], [{ keys: '1003' }], [{ lan: 'disable' }], [{ lan: 'enable' }], [{ lan: 'enable' }]],
  },
  {
    // Not a punch: a tap that punches at once leaves the attention region as it is (clock.machine.ts).
    title: 'after 10 s and after a minute alone, an unknown finger, an unknown card and a key each wake the clock',
    moves: [
      ...[{ finger: { unknown: true } }, { card: 99999 }, { press: 'ESC' }].flatMap((input) => [
        [{ advance: '10s' }],
        [input],
        [{ advance: '10s' }],
        [{ advance: '50s' }],
        [input],
      ]),
    ],
  },
  {
    title: 'the menu left open closes by itself after a minute',
    moves: [[{ press: 'MENU' }], [{ advance: '10s' }], [{ advance: '50s' }]],
  },
  {
    title: 'an enrollment an SDK client started is abandoned with ESC',
    moves: [REMOTE_ENROLL, [{ finger: '1003/left-index' }], [{ press: 'ESC' }]],
  },
  {
    title: 'an enrollment an SDK client started ends, and a key goes back to idle',
    moves: [REMOTE_ENROLL, ...scans('1003/left-index'), [{ press: 'OK' }]],
  },
  {
    title: 'an enrollment an SDK client started ends, and the result times out to idle',
    moves: [REMOTE_ENROLL, ...scans('1003/left-index'), [{ advance: '3s' }]],
  },
];

/** For the staffed set-up: Ada (1001, administrator), Sam (1004, card+finger), Pia (1005, finger+password). */
export const STAFFED_PLANS: Plan[] = [
  {
    title: 'an enrollment of a finger already enrolled for someone else is refused',
    moves: [
      [{ menu: { path: ['Enroll fingerprint'], as: 1001 } }, { keys: '1003' }, { press: 'OK' }],
      [{ press: 'OK' }],
      ...scans('1001/right-index'),
      [{ press: 'OK' }],
    ],
  },
  {
    title: 'a duplicate window out of range is refused, a good one saved',
    moves: [
      [{ menu: { path: ['Settings', 'Punch rules', 'Duplicate window'], as: 1001 } }],
      [{ keys: '99999' }, { press: 'OK' }],
      [{ press: ['BACK', 'BACK', 'BACK', 'BACK', 'BACK'] }, { press: 'OK' }],
    ],
  },
  {
    title: 'an IP address saved goes back to the network page',
    moves: [[{ menu: { path: ['Settings', 'Network', 'IP'], as: 1001 } }], [{ press: 'OK' }]],
  },
  {
    title: 'a digit typed too many is erased with BACK before OK',
    moves: [[{ keys: '10' }], [{ press: 'BACK' }], [{ keys: '003' }, { press: 'OK' }]],
  },
  {
    title: 'a wrong password once, then the right one',
    moves: [[{ finger: '1005/right-index' }], [{ keys: '0000' }, { press: 'OK' }], [{ keys: '5555' }, { press: 'OK' }]],
  },
  {
    title: 'a user who is no administrator signs in to the menu and is denied',
    moves: [[{ press: 'MENU' }], [{ keys: '1003' }, { press: 'OK' }]],
  },
  {
    title: 'a finger as second factor after the card, for a user whose mode is card and finger',
    moves: [[{ card: 5004 }], [{ finger: '1004/right-index' }]],
  },
  {
    title: 'BACK over the last digit of the menu sign-in goes back to the sign-in',
    moves: [[{ press: 'MENU' }], [{ press: '1' }], [{ press: 'BACK' }]],
  },
  {
    title: 'five failures lock the keypad: the menu sign-in refuses digits',
    moves: [...failures(5), [{ press: 'MENU' }], [{ press: '1' }]],
  },
  {
    title: 'a wrong password as fifth failure in a row locks the keypad',
    moves: [...failures(4), [{ finger: '1005/right-index' }], [{ keys: '0000' }, { press: 'OK' }]],
  },
  {
    title: 'while the keypad is locked, a password asked after a finger is refused',
    moves: [...failures(5), [{ finger: '1005/right-index' }], [{ press: '5' }]],
  },
  {
    title: 'a card as second factor after the finger, for a user whose mode is card and finger',
    moves: [[{ finger: '1004/right-index' }], [{ card: 5004 }]],
  },
];

/** For the embedded cloud with Una: what the portal changes reaches the clock as PUSH commands. */
export const ONLINE_PLANS: Plan[] = [
  {
    title: 'a change made in the portal reaches the clock while its user list is on screen',
    moves: [
      [{ sync: 'idle' }],
      [{ menu: ['User management'] }],
      [{ portal: { update: { badge: 1003, nonSecure: false } } }],
      [{ sync: 'idle' }],
    ],
  },
];
