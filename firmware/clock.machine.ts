// The clock: parallel regions for the network link, the cloud link, the user's attention (input
// timeouts) and the screen flow — idle, ID entry, verification, results, and the menu.
import { and, not, or } from 'xstate';
import { clockSetup } from './clock.setup.js';
import { initialContext } from './context.js';
import { SETTINGS_ITEMS } from './menu.js';
import type { Key } from './device.js';
import type { Factor } from './verify.js';

const key = (k: Key) => ({ type: 'key', params: { key: k } }) as const;
const verdict = (kind: 'continue' | 'retry' | 'identified' | 'failed') =>
  ({ type: 'verdict', params: { kind } }) as const;
const needs = (factor: Factor) => ({ type: 'needs', params: { factor } }) as const;
const fingerprintReader = { type: 'hasReader', params: { reader: 'fingerprint' } } as const;
const proximityReader = { type: 'hasReader', params: { reader: 'proximity' } } as const;
const toIdle = '#clock.screen.idle';

/** A finger or a card starts an identification wherever the keypad could. */
const readersIdentify = {
  'finger.placed': { guard: fingerprintReader, target: '#clock.screen.verifying', actions: 'identify' },
  'card.tapped': { guard: proximityReader, target: '#clock.screen.verifying', actions: 'identify' },
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
    'punch.stored': { actions: 'tellPunch' },
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
        present: { on: wake, after: { LAPSE_TIMEOUT: { target: 'lapsed', actions: 'noteLapse' } } },
        lapsed: { on: wake, after: { AWAY_TIMEOUT: { target: 'away', actions: 'noteAbsence' } } },
        away: { on: wake },
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
            ...readersIdentify,
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
              { guard: key('OK'), target: 'verifying', actions: 'identify' },
              { guard: key('ESC'), target: 'idle' },
              { guard: 'stateKey', actions: 'chooseState' },
              // The menu icon shows here too: the entry is dropped, as ESC would.
              ...openMenu,
            ],
            ...readersIdentify,
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
            ...readersIdentify,
          },
        },
        menu: {
          initial: 'main',
          exit: 'closeMenu',
          on: {
            'attention.gone': 'idle',
            // The menu icon (or key) on any page goes back to the first page; a page's own keys come first.
            'keypad.key': { guard: and([key('MENU'), not('remoteMenu')]), target: '.main', actions: 'clearEnrollment' },
          },
          states: {
            main: {
              entry: 'resetCursor',
              on: {
                'keypad.key': [
                  { guard: { type: 'mainChoice', params: { page: 'users' } }, target: 'users' },
                  { guard: { type: 'mainChoice', params: { page: 'enrollUser' } }, target: 'enrollUser' },
                  { guard: { type: 'mainChoice', params: { page: 'settings' } }, target: 'settings' },
                  { guard: key('UP'), actions: { type: 'moveCursor', params: { by: -1 } } },
                  { guard: key('DOWN'), actions: { type: 'moveCursor', params: { by: 1 } } },
                  { guard: key('ESC'), target: toIdle },
                ],
              },
            },
            users: {
              entry: { type: 'listUsers', params: { by: 0 } },
              on: {
                'keypad.key': [
                  { guard: 'digit', actions: 'typeQuery' },
                  { guard: key('F1'), actions: 'toggleSearch' },
                  { guard: key('BACK'), actions: 'eraseQuery' },
                  { guard: key('UP'), actions: { type: 'listUsers', params: { by: -1 } } },
                  { guard: key('DOWN'), actions: { type: 'listUsers', params: { by: 1 } } },
                  { guard: and([key('OK'), 'userHighlighted']), target: 'userDetail' },
                  { guard: key('ESC'), target: 'main' },
                ],
              },
            },
            userDetail: {
              on: {
                'keypad.key': [
                  { guard: and([key('1'), fingerprintReader]), target: 'enrollFinger' },
                  { guard: key('2'), target: 'confirmDelete' },
                  { guard: key('ESC'), target: 'users' },
                ],
              },
            },
            confirmDelete: {
              on: {
                'keypad.key': [
                  { guard: key('OK'), target: 'users', actions: 'deleteUser' },
                  { guard: key('ESC'), target: 'userDetail' },
                ],
              },
            },
            enrollUser: {
              entry: 'resetCursor',
              on: {
                'keypad.key': [
                  { guard: 'digit', actions: 'typePin' },
                  { guard: key('BACK'), actions: 'erasePin' },
                  {
                    guard: and([key('OK'), 'enrollTargetAllowed']),
                    target: 'enrollFinger',
                    actions: 'chooseEnrollTarget',
                  },
                  { guard: key('OK'), actions: { type: 'setNotice', params: { notice: 'Unknown ID or not allowed' } } },
                  { guard: key('ESC'), target: 'main' },
                ],
              },
            },
            enrollFinger: {
              entry: 'preselectFinger',
              on: {
                'keypad.key': [
                  { guard: 'digit', actions: 'pickFinger' },
                  { guard: key('UP'), actions: { type: 'moveCursor', params: { by: -1, size: 10 } } },
                  { guard: key('DOWN'), actions: { type: 'moveCursor', params: { by: 1, size: 10 } } },
                  { guard: key('OK'), target: 'enrollScan', actions: 'startEnrollment' },
                  { guard: key('ESC'), target: 'main' },
                ],
              },
            },
            enrollScan: {
              always: [
                { guard: { type: 'enrollment', params: { status: 'enrolled' } }, target: 'enrollDone' },
                { guard: { type: 'enrollment', params: { status: 'refused' } }, target: 'enrollDone' },
              ],
              on: {
                'finger.placed': { actions: 'scanFinger' },
                'keypad.key': [
                  { guard: and([key('ESC'), 'remoteMenu']), target: toIdle },
                  { guard: key('ESC'), target: 'main', actions: 'clearEnrollment' },
                ],
              },
            },
            enrollDone: {
              exit: 'clearEnrollment',
              after: { RESULT_TIMEOUT: [{ guard: 'remoteMenu', target: toIdle }, { target: 'main' }] },
              on: { 'keypad.key': [{ guard: 'remoteMenu', target: toIdle }, { target: 'main' }] },
            },
            settings: {
              entry: 'resetCursor',
              on: {
                'keypad.key': [
                  { guard: { type: 'settingsChoice', params: { index: 0 } }, target: 'network' },
                  {
                    guard: { type: 'settingsChoice', params: { index: 1 } },
                    target: 'edit',
                    actions: { type: 'beginEdit', params: { field: 'cloudServer' } },
                  },
                  {
                    guard: { type: 'settingsChoice', params: { index: 2 } },
                    target: 'edit',
                    actions: { type: 'beginEdit', params: { field: 'dateTime' } },
                  },
                  { guard: { type: 'settingsChoice', params: { index: 3 } }, target: 'punchRules' },
                  { guard: { type: 'settingsChoice', params: { index: 4 } }, target: 'about' },
                  {
                    guard: key('UP'),
                    actions: { type: 'moveCursor', params: { by: -1, size: SETTINGS_ITEMS.length } },
                  },
                  {
                    guard: key('DOWN'),
                    actions: { type: 'moveCursor', params: { by: 1, size: SETTINGS_ITEMS.length } },
                  },
                  { guard: key('ESC'), target: 'main' },
                ],
              },
            },
            network: {
              on: {
                'keypad.key': [
                  { guard: key('1'), actions: 'toggleDhcp' },
                  { guard: key('2'), target: 'edit', actions: { type: 'beginEdit', params: { field: 'ip' } } },
                  { guard: key('3'), target: 'edit', actions: { type: 'beginEdit', params: { field: 'netmask' } } },
                  { guard: key('4'), target: 'edit', actions: { type: 'beginEdit', params: { field: 'gateway' } } },
                  { guard: key('5'), target: 'edit', actions: { type: 'beginEdit', params: { field: 'commKey' } } },
                  { guard: key('ESC'), target: 'settings' },
                ],
              },
            },
            punchRules: {
              on: {
                'keypad.key': [
                  {
                    guard: key('1'),
                    target: 'edit',
                    actions: { type: 'beginEdit', params: { field: 'duplicateWindow' } },
                  },
                  { guard: key('2'), actions: 'cyclePunchRule' },
                  { guard: key('ESC'), target: 'settings' },
                ],
              },
            },
            edit: {
              on: {
                'keypad.key': [
                  { guard: key('OK'), target: 'editChecked', actions: 'commitEdit' },
                  { guard: key('ESC'), target: 'editChecked', actions: 'closeEdit' },
                  { guard: key('MENU'), target: 'main', actions: 'closeEdit' },
                  { actions: 'editKey' },
                ],
              },
            },
            /** Where an edit returns: back to the field when rejected, else to the page it came from. */
            editChecked: {
              always: [
                { guard: 'editRejected', target: 'edit' },
                {
                  guard: { type: 'editReturnsTo', params: { page: 'network' } },
                  target: 'network',
                  actions: 'closeEdit',
                },
                {
                  guard: { type: 'editReturnsTo', params: { page: 'punchRules' } },
                  target: 'punchRules',
                  actions: 'closeEdit',
                },
                { target: 'settings', actions: 'closeEdit' },
              ],
            },
            about: {
              entry: 'readCounts',
              on: { 'keypad.key': { guard: or([key('ESC'), key('OK')]), target: 'settings' } },
            },
          },
        },
      },
    },
  },
});

export type ClockMachine = typeof clockMachine;
