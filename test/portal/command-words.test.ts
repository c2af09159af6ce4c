// The clock page's words for each command the cloud can queue: every kind of PushCommand, formatted as
// the cloud sends it, read back into words with the employees' names; raw text the clock cannot read too.
import { describe, expect, it } from 'vitest';
import { parseTimestamp, simulatedTemplate, type LocalTime } from '../../firmware/index.js';
import { formatCommandText, type PushCommand } from '../../src/protocol/index.js';
import { commandWords } from '../../src/cloud/web/command-words.js';

const names = new Map([
  ['1001', 'Ana Lopez'],
  ['1004', 'Dana Kim'],
]);

function at(text: string): LocalTime {
  const time = parseTimestamp(text);
  if (time === undefined) throw new Error(`bad time ${text}`);
  return time;
}

const ana = { pin: '1001', fid: 6, valid: true, template: simulatedTemplate({ person: '1001', fid: 6 }) };
const user = {
  pin: '1001',
  name: 'A. Lopez',
  privilege: 0,
  password: 'secret',
  card: '',
  group: 1,
  timeZones: '0000000000000000',
  verifyMode: -1,
} as const;

/** One command of every kind, with the words the page shows for it: the record's type makes it miss none. */
const EVERY_KIND: { [K in PushCommand['kind']]: [Extract<PushCommand, { kind: K }>, string] } = {
  'update-user': [{ kind: 'update-user', user }, 'sent Ana Lopez to the clock'],
  'delete-user': [{ kind: 'delete-user', pin: '1004' }, 'deleted Dana Kim from the clock'],
  'update-template': [
    { kind: 'update-template', template: ana },
    'sent the right index fingerprint of Ana Lopez to the clock',
  ],
  'delete-template': [
    { kind: 'delete-template', pin: '1001', fid: 6 },
    'deleted the right index fingerprint of Ana Lopez from the clock',
  ],
  'update-biodata': [
    {
      kind: 'update-biodata',
      record: { type: 1, template: ana, index: 0, duress: false, majorVersion: 12, format: 0 },
    },
    'sent the right index fingerprint template of Ana Lopez to the clock',
  ],
  'delete-biodata': [
    { kind: 'delete-biodata', pin: '1004' },
    'deleted every biometric template of Dana Kim from the clock',
  ],
  'query-biodata': [
    { kind: 'query-biodata', type: 1, pin: '1001' },
    'asked the clock for its fingerprint templates of Ana Lopez',
  ],
  'clear-biodata': [{ kind: 'clear-biodata' }, 'told the clock to erase every biometric template'],
  'query-attlog': [
    { kind: 'query-attlog', from: at('2026-11-01 00:00:00'), to: at('2026-11-30 23:59:59') },
    'asked the clock for its punches from 2026-11-01 00:00:00 to 2026-11-30 23:59:59',
  ],
  'query-userinfo': [{ kind: 'query-userinfo' }, 'asked the clock for every user it holds'],
  'clear-log': [{ kind: 'clear-log' }, 'told the clock to erase its punches'],
  'clear-data': [{ kind: 'clear-data' }, 'told the clock to erase all its data (users, fingerprints and punches)'],
  check: [{ kind: 'check' }, 'asked the clock to check in and upload what it has not sent yet'],
  'upload-new': [{ kind: 'upload-new' }, 'asked the clock to upload its new records now'],
  'verify-attlog-sum': [
    { kind: 'verify-attlog-sum', from: at('2026-11-01 00:00:00'), to: at('2026-11-02 00:00:00') },
    'asked the clock to count its punches from 2026-11-01 00:00:00 to 2026-11-02 00:00:00',
  ],
  'reload-options': [{ kind: 'reload-options' }, 'asked the clock to read its options again'],
  info: [{ kind: 'info' }, 'asked for the clock’s info'],
  reboot: [{ kind: 'reboot' }, 'told the clock to restart'],
  'set-option': [
    { kind: 'set-option', options: { Delay: '30', ErrorDelay: '60' } },
    'set the clock’s Delay, ErrorDelay',
  ],
  'enroll-finger': [
    { kind: 'enroll-finger', pin: '1004', fid: 5, retries: 3, overwrite: false },
    'asked the clock to enroll the right thumb of Dana Kim',
  ],
  raw: [{ kind: 'raw', text: 'USER ADD PIN=1001' }, 'sent a command the clock does not know (USER ADD)'],
};

describe('a queued command in words', () => {
  for (const [kind, [command, words]] of Object.entries(EVERY_KIND)) {
    it(`says ${kind} as “${words}”`, () => {
      expect(commandWords(formatCommandText(command), names)).toBe(words);
    });
  }

  it('names a person the portal does not know by the name the command carries, else by PIN', () => {
    const stranger = { ...user, pin: '2002', name: 'Walk In' };
    expect(commandWords(formatCommandText({ kind: 'update-user', user: stranger }), names)).toBe(
      'sent Walk In to the clock',
    );
    expect(commandWords(formatCommandText({ kind: 'update-user', user: { ...stranger, name: '' } }), names)).toBe(
      'sent PIN 2002 to the clock',
    );
    expect(commandWords('DATA DELETE USERINFO PIN=2002', names)).toBe('deleted PIN 2002 from the clock');
  });

  it('tells the other shapes of a kind apart: every finger, one user, a face', () => {
    expect(commandWords('DATA DELETE FINGERTMP PIN=1001', names)).toBe(
      'deleted every fingerprint of Ana Lopez from the clock',
    );
    expect(commandWords('DATA QUERY USERINFO PIN=1004', names)).toBe('asked the clock for its record of Dana Kim');
    expect(commandWords('DATA DELETE BIODATA Pin=1001\tType=9', names)).toBe(
      'deleted the face template of Ana Lopez from the clock',
    );
  });

  it('says what is wrong with a line the clock cannot read', () => {
    expect(commandWords('DATA DELETE USERINFO', names)).toMatch(/^sent a command the clock cannot read: /);
  });
});
