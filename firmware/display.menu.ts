// The menu pages of the screen frame: numbered items with the highlighted one marked, user lists,
// the field being edited, enrollment progress and About device.
import type { ClockContext } from './context.js';
import { LIST_ROWS } from './user-list.js';
import { SCANS_TO_ENROLL } from './enroll.js';
import { FINGER_NAMES } from './fingers.js';
import { EDIT_FIELDS, SETTINGS_ITEMS, mainMenuItems } from './menu.js';
import { punchRuleLabel } from './punches.js';
import { roleOf } from './users.js';
import { VERIFY_MODE_NAMES, effectiveVerifyMode } from './verify.js';

function numbered(items: readonly string[], cursor: number): string[] {
  return items.map((label, i) => `${i === cursor ? '>' : ' '} ${i + 1}. ${label}`);
}

/** `label value` on one row when it fits the screen, else the value on the next row, indented under the label. */
function item(label: string, value: string, columns: number): string[] {
  const line = `${label} ${value}`;
  return line.length <= columns ? [line] : [label, `   ${value}`];
}

function withNotice(lines: string[], notice: string): string[] {
  return notice === '' ? lines : [...lines, '', notice];
}

/** A menu page on the screen: its title and the lines under it. */
interface MenuPage {
  title: string;
  lines: string[];
}

type PageLines = (c: ClockContext, linkUp: boolean) => MenuPage;

export function menuPageLines(page: string, c: ClockContext, linkUp: boolean): MenuPage {
  const lines = Object.hasOwn(MENU_PAGES, page) ? MENU_PAGES[page] : undefined;
  return lines === undefined ? { title: page, lines: [] } : lines(c, linkUp);
}

function usersPage(c: ClockContext): MenuPage {
  const m = c.menu;
  const first = Math.floor(m.cursor / LIST_ROWS) * LIST_ROWS;
  const rows = m.rows.map((u, i) => `${first + i === m.cursor ? '>' : ' '} ${u.pin.padEnd(8)} ${u.name}`);
  const search = `${m.search === 'id' ? 'ID' : 'Name'}: ${m.query}_ (${m.total}) F1:${m.search === 'id' ? 'name' : 'ID'}`;
  return { title: 'Users', lines: withNotice([search, ...(rows.length ? rows : ['  (no match)'])], m.notice) };
}

function enrollmentPage(c: ClockContext): MenuPage {
  const e = c.menu.enrollment;
  if (!e) return { title: 'Enroll', lines: [] };
  return {
    title: 'Enroll',
    lines: [
      `ID ${e.pin}  ${FINGER_NAMES[e.fid] ?? ''}`,
      '',
      e.status === 'scanning' ? `Scan ${Math.min(e.scans + 1, SCANS_TO_ENROLL)} of ${SCANS_TO_ENROLL}` : '',
      e.message,
    ],
  };
}

function networkPage(c: ClockContext, linkUp: boolean): MenuPage {
  const s = c.settings;
  return {
    title: 'Network',
    lines: withNotice(
      [
        `Link: ${linkUp ? 'up' : 'down'} (${s.dhcp ? 'DHCP' : 'static'})`,
        `1. DHCP: ${s.dhcp ? 'on' : 'off'}`,
        `2. IP: ${s.ip}`,
        `3. Netmask: ${s.netmask}`,
        `4. Gateway: ${s.gateway}`,
        `5. Comm key: ${s.commKey}`,
      ],
      c.menu.notice,
    ),
  };
}

function punchRulesPage(c: ClockContext): MenuPage {
  return {
    title: 'Punch rules',
    lines: withNotice(
      [
        `1. Duplicate window: ${c.settings.duplicateWindowSeconds} s`,
        ...item('2. Default state:', punchRuleLabel(c.settings.punchStateRule, c.now), c.model.screen.columns),
      ],
      c.menu.notice,
    ),
  };
}

function editPage(c: ClockContext): MenuPage {
  const edit = c.menu.edit;
  if (!edit) return { title: 'Edit', lines: [] };
  const field = EDIT_FIELDS[edit.field];
  const lines = [field.label, `  ${edit.text}_`, field.hint, '', edit.error];
  return { title: 'Edit', lines: edit.field === 'cloudServer' ? [...lines, ...cloudLinkLines(c)] : lines };
}

function aboutPage(c: ClockContext): MenuPage {
  const cap = c.model.capacity;
  const n = c.menu.counts;
  return {
    title: 'About device',
    lines: [
      `Model: ${c.model.displayName}`,
      `Serial number: ${c.serialNumber}`,
      `Firmware: ${c.model.firmwareVersion}`,
      `MAC: ${c.macAddress}`,
      `Users: ${n.users}/${cap.users}`,
      `Fingerprints: ${n.fingerprints}/${cap.fingerprints}`,
      `Cards: ${n.cards}/${cap.cards}`,
      `Punches: ${n.punches}/${cap.punches}`,
    ],
  };
}

/** Each menu page (the screen's name after `menu.`) and how its lines are drawn. */
const MENU_PAGES: Record<string, PageLines> = {
  main: (c) => ({
    title: 'Menu',
    lines: withNotice(
      numbered(
        mainMenuItems(c.menu.operator.role, c.model).map((i) => i.label),
        c.menu.cursor,
      ),
      c.menu.notice,
    ),
  }),
  users: usersPage,
  userDetail: (c) => ({
    title: 'User',
    lines: [...userLines(c), '', c.model.readers.fingerprint ? '1. Enroll fingerprint' : '', '2. Delete user'],
  }),
  confirmDelete: (c) => ({
    title: 'Delete user',
    lines: [`Delete ID ${c.menu.selectedPin}?`, 'Templates are deleted too.', '', 'OK = delete, ESC = keep'],
  }),
  enrollUser: (c) => ({
    title: 'Enroll',
    lines: withNotice(['Enroll fingerprint for ID:', `  ${c.menu.query}_`, '', 'OK to continue'], c.menu.notice),
  }),
  enrollFinger: (c) => ({
    title: 'Enroll',
    lines: [
      `ID ${c.menu.selectedPin}: which finger? (0-9)`,
      `> ${c.menu.cursor}. ${FINGER_NAMES[c.menu.cursor] ?? ''}`,
      '',
      'OK to scan',
    ],
  }),
  enrollScan: enrollmentPage,
  enrollDone: enrollmentPage,
  settings: (c) => ({ title: 'Settings', lines: withNotice(numbered(SETTINGS_ITEMS, c.menu.cursor), c.menu.notice) }),
  network: networkPage,
  punchRules: punchRulesPage,
  edit: editPage,
  editChecked: editPage,
  about: aboutPage,
};

/**
 * Under the Cloud server setting, what the cloud link really does: the address it talks to (the host may
 * have been told another than the setting, or the setting may be empty) and whether the server's TransFlag
 * lets punches upload — a server that leaves AttLog out gets none, and this is where a person looks.
 */
function cloudLinkLines(c: ClockContext): string[] {
  const link = c.cloudLink;
  if (link === null) return [];
  const upload =
    link.attendanceUpload === null
      ? []
      : link.attendanceUpload
        ? ['attendance upload: on']
        : ['attendance upload: off', "(server's TransFlag)"];
  return ['', 'Talks to:', `  ${link.server.replace(/^https?:\/\//, '') || '-'}`, ...upload];
}

/** Lines describing one user, for the user detail page. */
function userLines(c: ClockContext): string[] {
  const detail = c.menu.detail;
  if (!detail) return ['(deleted)'];
  const { user } = detail;
  const fingers = detail.fingers.map((fid) => FINGER_NAMES[fid] ?? `finger ${fid}`);
  const mode = effectiveVerifyMode(user, c.settings.defaultVerifyMode);
  const modeName = VERIFY_MODE_NAMES[mode] ?? `mode ${mode}`;
  // The longest mode names do not fit beside the label on a 32-column screen.
  const verify =
    `Verify: ${modeName}`.length <= c.model.screen.columns ? [`Verify: ${modeName}`] : ['Verify:', modeName];
  return [
    `ID ${user.pin}  ${user.name}`,
    `Role: ${roleOf(user.privilege)}`,
    `Card: ${user.card || '-'}`,
    `Fingers: ${fingers.join(', ') || '-'}`,
    ...verify,
  ];
}
