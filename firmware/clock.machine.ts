// The clock: parallel regions for the network link, the cloud link, the user's attention (input
// timeouts) and the screen flow — idle, ID entry, verification, results, and the menu.
import { and, not, or, stateIn } from 'xstate';
import { clockSetup } from './clock.setup.js';
import { storeImplementations } from './clock.store.js';
import type { ClockPorts } from './ports.js';
import { initialContext } from './context.js';
import { menuStates } from './clock.menu-states.js';
import { fingerprintReader, key, needs, proximityReader, punchesAtOnce, verdict } from './clock.transitions.js';

/** A finger or a card starts an identification wherever the keypad could. */
const readersIdentify = {
  'finger.placed': { guard: fingerprintReader, target: '#clock.screen.verifying', actions: 'identify' },
  'card.tapped': { guard: proximityReader, target: '#clock.screen.verifying', actions: 'identify' },
} as const;

/**
 * Where a punch may start (idle, an ID entry, the result): a finger or card that identifies its user for
 * a punch goes straight to the result, punched and stored in that one step (the hot path: one microstep,
 * one assign); any other goes through `verifying`, which routes on the verdict. Not on the menu's sign-in,
 * where no tap punches.
 */
const readersPunch = {
  'finger.placed': [
    { guard: punchesAtOnce('fingerprint'), target: '#clock.screen.result', reenter: true, actions: 'identifyAndPunch' },
    readersIdentify['finger.placed'],
  ],
  'card.tapped': [
    { guard: punchesAtOnce('proximity'), target: '#clock.screen.result', reenter: true, actions: 'identifyAndPunch' },
    readersIdentify['card.tapped'],
  ],
} as const;

/** MENU opens the menu: at once while nobody may guard it, else after an administrator's verification. */
const openMenu = [
  { guard: and([key('MENU'), 'menuOpenToAnyone']), target: '#clock.screen.menu', actions: 'login' },
  { guard: key('MENU'), target: '#clock.screen.menuAuth' },
] as const;

/** Any input restarts the attention timers. The transitions sit on the leaf states so that they
 * re-enter only their own region and never pre-empt the screen's handling of the same event. */
const wake = {
  'keypad.key': { target: 'present', reenter: true },
  'finger.placed': { target: 'present', reenter: true },
  'card.tapped': { target: 'present', reenter: true },
} as const;

/**
 * A tap that punches at once from idle, the result or an ID entry leaves the attention region as it is,
 * present, lapsed or away: the result screen it leads to has its own timer and ignores a lapse and an
 * absence, and any input after it (a key, a tap that needs a second factor) wakes the region. Re-entering
 * it at every punch was about a sixth of the punch's step, and from `lapsed` or `away` it armed the two
 * timers again, each a macrostep of its own when it fired: in a rush of taps they now fire once, not after
 * every tap. In the menu and on a second-factor prompt (a session open) every tap wakes it, as any input.
 */
const wakeUnlessPunched = (via: 'fingerprint' | 'proximity') =>
  ({
    guard: or([not({ type: 'punchesWithoutSession', params: { via } }), stateIn('#clock.screen.menu')]),
    target: 'present',
    reenter: true,
  }) as const;
const wakeOnInput = {
  ...wake,
  'finger.placed': wakeUnlessPunched('fingerprint'),
  'card.tapped': wakeUnlessPunched('proximity'),
} as const;

export const clockMachine = clockSetup.createMachine({
  id: 'clock',
  type: 'parallel',
  context: ({ input }) => initialContext(input),
  entry: 'recordPowerOn',
  on: {
    'clock.tick': { actions: 'setNow' },
    'settings.changed': { actions: 'applySettings' },
    'cloud.linked': { actions: 'noteCloudLink' },
    // DISABLEDEVICE takes the screen, whatever it showed, until ENABLEDEVICE: punches are refused meanwhile.
    'lan.request': [
      { guard: { type: 'lanAsks', params: { kind: 'disable' } }, target: '.screen.busy', actions: 'applyLan' },
      { actions: 'applyLan' },
    ],
    'lan.applied': { actions: 'answerLan' },
    'cloud.command': { actions: 'applyCloudCommand' },
    'command.applied': { actions: 'answerCommand' },
    'records.load': { actions: 'loadRecords' },
    'records.stored': { actions: 'answerLoad' },
    'upload.acknowledged': { actions: 'moveUploadCursor' },
    'store.written': { actions: 'tellWritten' },
    'store.failed': { actions: 'noteStoreFault' },
  },
  states: {
    network: {
      initial: 'up',
      states: {
        up: { on: { 'link.down': 'down' } },
        down: { on: { 'link.up': 'up' } },
      },
    },
    cloud: {
      initial: 'offline',
      states: {
        offline: { on: { 'cloud.up': 'online' } },
        online: { on: { 'cloud.down': 'offline' } },
      },
    },
    attention: {
      initial: 'present',
      states: {
        present: { on: wakeOnInput, after: { LAPSE_TIMEOUT: { target: 'lapsed', actions: 'noteLapse' } } },
        lapsed: { on: wakeOnInput, after: { AWAY_TIMEOUT: { target: 'away', actions: 'noteAbsence' } } },
        away: { on: wakeOnInput },
      },
    },
    screen: {
      initial: 'idle',
      states: {
        idle: {
          entry: 'resetScreen',
          on: {
            'keypad.key': [
              { guard: and(['digit', 'idEntryLocked']), target: 'result', actions: 'showLocked' },
              { guard: 'digit', target: 'idEntry', actions: 'appendDigit' },
              { guard: 'stateKey', actions: 'chooseState' },
              { guard: key('ESC'), actions: 'clearChosenState' },
              ...openMenu,
            ],
            ...readersPunch,
            'enroll.requested': {
              guard: fingerprintReader,
              target: 'menu.enrollScan',
              actions: 'startRemoteEnrollment',
            },
          },
        },
        /** Disabled by an SDK client: no input is taken, the screen says the clock is working. */
        busy: {
          entry: ['resetScreen', 'closeMenu'],
          on: {
            'lan.request': [
              { guard: { type: 'lanAsks', params: { kind: 'enable' } }, target: 'idle', actions: 'applyLan' },
              { actions: 'applyLan' },
            ],
          },
        },
        menuAuth: {
          entry: 'startMenuAuth',
          on: {
            'keypad.key': [
              { guard: and(['digit', 'idEntryLocked']), target: 'result', actions: 'showLocked' },
              { guard: 'digit', target: 'idEntry', actions: 'appendDigit' },
              { guard: key('ESC'), target: 'idle' },
            ],
            ...readersIdentify,
            'attention.lapsed': 'idle',
          },
        },
        idEntry: {
          on: {
            'keypad.key': [
              { guard: 'digit', actions: 'appendDigit' },
              { guard: and([key('BACK'), 'lastDigit', 'forMenu']), target: 'menuAuth' },
              { guard: and([key('BACK'), 'lastDigit']), target: 'idle' },
              { guard: key('BACK'), actions: 'eraseDigit' },
              { guard: punchesAtOnce('keypad'), target: 'result', actions: 'identifyAndPunch' },
              { guard: key('OK'), target: 'verifying', actions: 'identify' },
              { guard: key('ESC'), target: 'idle' },
              { guard: 'stateKey', actions: 'chooseState' },
              // The menu icon shows here too: the entry is dropped, as ESC would.
              ...openMenu,
            ],
            ...readersPunch,
            'attention.lapsed': 'idle',
          },
        },
        verifying: {
          always: [
            // Every wrong try counts toward the keypad lock, a password abandoned with ESC included: else
            // ID + two guesses + ESC, again and again, would guess a password (the menu's too) unhindered.
            {
              guard: and([verdict('retry'), 'failureLocks']),
              target: 'result',
              actions: ['countFailure', 'showLocked'],
            },
            { guard: verdict('retry'), target: 'secondFactor', actions: ['beginSession', 'countFailure'] },
            { guard: verdict('continue'), target: 'secondFactor', actions: 'beginSession' },
            { guard: and(['forMenu', 'privilegedVerdict']), target: 'menu', actions: 'login' },
            { guard: and(['forMenu', verdict('identified')]), target: 'result', actions: 'denyAccess' },
            { guard: verdict('identified'), target: 'result', actions: 'punch' },
            { target: 'result', actions: 'countFailure' },
          ],
        },
        secondFactor: {
          on: {
            'keypad.key': [
              {
                guard: and(['digit', 'idEntryLocked', or([needs('id'), needs('password')])]),
                target: 'result',
                actions: 'showLocked',
              },
              {
                guard: and(['digit', or([needs('id'), needs('password')])]),
                actions: 'appendDigit',
              },
              { guard: key('BACK'), actions: 'eraseDigit' },
              { guard: and([key('OK'), not('entryEmpty')]), target: 'verifying', actions: 'continueIdentify' },
              { guard: key('ESC'), target: 'idle' },
            ],
            'finger.placed': {
              guard: needs('finger'),
              target: 'verifying',
              actions: 'continueIdentify',
            },
            'card.tapped': {
              guard: needs('card'),
              target: 'verifying',
              actions: 'continueIdentify',
            },
            'attention.lapsed': 'idle',
          },
        },
        result: {
          after: { RESULT_TIMEOUT: 'idle' },
          on: {
            'keypad.key': [
              { guard: and(['digit', 'idEntryLocked']), target: 'result', reenter: true, actions: 'showLocked' },
              { guard: and(['digit', not('forMenu')]), target: 'idEntry', actions: ['resetScreen', 'appendDigit'] },
              { guard: or([key('OK'), key('ESC')]), target: 'idle' },
              ...openMenu,
            ],
            ...readersPunch,
          },
        },
        menu: menuStates,
      },
    },
  },
});

export type ClockMachine = typeof clockMachine;

/** The clock machine on a store: its builders read it, its effects write it; the context stays plain data. */
export function clockMachineOn(store: ClockPorts): ClockMachine {
  return clockMachine.provide(storeImplementations(store));
}
