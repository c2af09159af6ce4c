// The clock's menu as states of the screen region: the main page, users (list, detail, delete), enrolling
// a finger at the keypad or for the cloud, and the settings pages with their field editor. The machine
// (clock.machine.ts) puts these under `screen.menu`; the menu's own rules are in menu.ts.
import { and, not, or } from 'xstate';
import { SETTINGS_ITEMS } from './menu.js';
import { fingerprintReader, key, toIdle } from './clock.transitions.js';

/** The menu, left for idle when the user is gone; MENU on a page goes back to the first page. */
export const menuStates = {
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
        // Told of a change from outside, the list keeps its highlight on a user who is there.
        'lan.applied': { actions: ['answerLan', 'refreshUserList'] },
        'command.applied': { actions: ['answerCommand', 'refreshUserList'] },
        'records.stored': { actions: ['answerLoad', 'refreshUserList'] },
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
      entry: 'readUserDetail',
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
} as const;
