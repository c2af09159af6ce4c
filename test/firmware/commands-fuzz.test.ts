// Property-based fuzzing of the clock's side of cloud commands (firmware/commands.ts, command-parse.ts):
// whatever a server sends, every line becomes a command with a Return code or a rejection naming the
// line, nothing throws, and a command the server formats is read back as the same value.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { executeCommandLine } from '../../firmware/command-apply.js';
import { parseCommandText } from '../../firmware/command-parse.js';
import {
  commandNameOf,
  formatReply,
  parseCommandBody,
  RETURN_CODES,
  type CloudCommand,
} from '../../firmware/commands.js';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { formatCommand, formatCommandsBody, type PushCommand } from '../../src/protocol/index.js';
import { itHolds } from '../fixtures/fuzz.js';
import { smallBiometric } from '../fixtures/models.js';
import { anyText, base64, commandId, pin, pushCommand } from '../fixtures/push-arbitraries.js';
import { contextFor } from '../fixtures/command-context.js';

/** devices/biometric.json with small capacities, so that garbage reaches the capacity checks too. */
const model = smallBiometric({ users: 5, fingerprints: 4, cards: 3, punches: 100 });

// prettier-ignore
const HEADS = [
  'DATA UPDATE USERINFO', 'DATA DELETE USERINFO', 'DATA UPDATE FINGERTMP', 'DATA DELETE FINGERTMP',
  'DATA QUERY ATTLOG', 'DATA QUERY USERINFO', 'CLEAR LOG', 'CLEAR DATA', 'CHECK', 'INFO', 'REBOOT', 'SET OPTION',
  'ENROLL_FP', 'USER ADD', 'DATA DEL USERINFO', 'data update userinfo', 'DATA\tUPDATE\tUSERINFO',
  'RELOAD OPTIONS', 'LOG', 'VERIFY SUM ATTLOG', 'VERIFY SUM', 'verify\tsum\tattlog',
];

// prettier-ignore
const KEYS = [
  'PIN', 'Pin', 'Name', 'Pri', 'Privilege', 'Passwd', 'Card', 'Grp', 'TZ', 'Verify', 'FID', 'Size', 'Valid', 'TMP',
  'StartTime', 'EndTime', 'RETRY', 'OVERWRITE', 'Delay', 'TimeZone', 'IPAddress', 'DHCP', '', '__proto__',
  'constructor',
];

// prettier-ignore
const VALUES = [
  '', '1', '2', '3', '6', '14', '-1', '0', '9', '10', '1001', 'x y', '[15CD5B07]', '[zz]', '99999999999',
  '2026-11-25 08:00:00', '2026-13-01 00:00:00', '10.0.0.1', '330', 'QUJD', '=',
  simulatedTemplate({ person: '2', fid: 1 }),
];

/** A value from the protocol's vocabulary most of the time, any text sometimes. */
const value = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VALUES) }, { weight: 1, arbitrary: anyText(30) });

/** Lines shaped like commands with hostile fields; most carry a plausible PIN so that garbage reaches the tables. */
const commandShapedLine = fc
  .record({
    id: fc.oneof(commandId, fc.constantFrom('', 'a-b', '12345678901234567', ' 7 ')),
    head: fc.constantFrom(...HEADS),
    separator: fc.constantFrom(' ', '\t'),
    pin: fc.option(fc.constantFrom('1', '2', '3', '1001', '1002', '7'), { freq: 3 }),
    fid: fc.constantFrom('0', '1', '6'),
    fields: fc.array(fc.tuple(fc.constantFrom(...KEYS), value), { maxLength: 6 }),
    joiner: fc.constantFrom('\t', '\t', ' '),
  })
  .map(({ id, head, separator, pin, fid, fields, joiner }) => {
    const pairs = fields.map(([key, v]) => `${key}=${v}`);
    if (pin !== null) pairs.unshift(`PIN=${pin}`, `FID=${fid}`);
    return `C:${id}:${head}${separator}${pairs.join(joiner)}`;
  });

const anyLine = fc.oneof(commandShapedLine, anyText(120), fc.constant('OK'), fc.constant(''));

const KNOWN_CODES = new Set<number>(Object.values(RETURN_CODES));

// prettier-ignore
const KINDS: readonly CloudCommand['kind'][] = [
  'update-user', 'delete-user', 'update-template', 'delete-template', 'query-attlog', 'query-userinfo', 'clear-log',
  'clear-data', 'check', 'info', 'reboot', 'set-option', 'enroll-finger', 'unsupported', 'malformed',
  'reload-options', 'upload-new', 'verify-attlog-sum',
];

/** The lines parseCommandBody must account for: every one but blanks and `OK`. */
function meaningfulLines(body: string): number {
  return body.split(/\r\n|\n|\r/).filter((raw) => raw.trim() !== '' && raw.trim().toUpperCase() !== 'OK').length;
}

/** What the clock reads back: the command itself, with the Size a server writes when it was not given. */
function expected(command: PushCommand): CloudCommand {
  if (command.kind === 'raw') throw new Error('raw commands have no value to read back');
  if (command.kind === 'update-template') return { ...command, size: command.size ?? command.template.template.length };
  return command;
}

describe('cloud commands from a server', () => {
  itHolds(
    'accounts for every line of any getrequest answer: a command or a rejection naming the line',
    2_000,
    fc.property(fc.array(anyLine, { maxLength: 20 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
      const body = lines.join(eol);

      const { commands, rejected } = parseCommandBody(body);

      expect(commands.length + rejected.length).toBe(meaningfulLines(body));
      for (const r of rejected) {
        expect(r.lineNumber).toBeGreaterThanOrEqual(1);
        expect(r.problem).toMatch(/^(is not of the form C:<id>:<command>|has the command id ".*", which is not)/s);
      }
    }),
  );

  itHolds(
    'reads any command text as a command, an unsupported one, or a malformed one that says what is wrong',
    5_000,
    fc.property(
      fc.oneof(
        anyText(200),
        commandShapedLine.map((l) => l.replace(/^C:[^:]*:/, '')),
      ),
      (text) => {
        const command = parseCommandText(text);

        expect(KINDS).toContain(command.kind);
        // A malformed command names its field or says the command is empty: `PIN is missing`.
        if (command.kind === 'malformed') expect(command.problem).toMatch(/^\S+ /);
      },
    ),
  );

  itHolds(
    'applies every parsed command to a Return code the protocol knows, within the model\u2019s capacities',
    300,
    fc.property(fc.array(commandShapedLine, { minLength: 1, maxLength: 40 }), (lines) => {
      const ctx = contextFor(model);

      for (const line of parseCommandBody(lines.join('\n')).commands) {
        const { outcome, answered } = executeCommandLine(line, ctx);
        const reply = formatReply(line.id, commandNameOf(answered), outcome);
        expect(KNOWN_CODES.has(outcome.returnCode)).toBe(true);
        // CMD is one word or two (SET OPTION); only VERIFY SUM carries pairs on the head line.
        expect(reply.split('\n')[0]).toMatch(
          /^ID=[0-9A-Za-z]{1,16}&Return=-?\d+&CMD=(\w+( \w+)?)?(&StartTime=[\d-]+ [\d:]+&EndTime=[\d-]+ [\d:]+&AttlogSum=\d+&AttlogCount=\d+)?$/,
        );
      }

      expect(ctx.ports.users.count()).toBeLessThanOrEqual(model.capacity.users);
      expect(ctx.ports.templates.count()).toBeLessThanOrEqual(model.capacity.fingerprints);
    }),
  );

  itHolds(
    'reads back every command a server formats as the same value, with its id',
    3_000,
    fc.property(commandId, pushCommand, (id, command) => {
      const { commands, rejected } = parseCommandBody(formatCommand(id, command));

      expect(rejected).toEqual([]);
      expect(commands).toHaveLength(1);
      expect(commands[0]!.id).toBe(id);
      expect(commands[0]!.command).toEqual(expected(command));
    }),
  );

  itHolds(
    'reads back a whole answer of several commands in order',
    500,
    fc.property(fc.uniqueArray(fc.tuple(commandId, pushCommand), { selector: ([id]) => id, maxLength: 8 }), (list) => {
      const body = formatCommandsBody(list.map(([id, command]) => ({ id, command })));

      const { commands } = parseCommandBody(body);

      expect(commands.map((c) => [c.id, c.command])).toEqual(list.map(([id, c]) => [id, expected(c)]));
    }),
  );

  itHolds(
    'keeps a template\u2019s base64 padding as sent',
    500,
    fc.property(pin, base64, (p, tmp) => {
      const command = parseCommandText(`DATA UPDATE FINGERTMP PIN=${p}\tFID=1\tTMP=${tmp}`);

      expect(command).toMatchObject({ kind: 'update-template', template: { template: tmp } });
    }),
  );
});
