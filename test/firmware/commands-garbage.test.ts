// Whatever a server sends, the clock neither throws nor loses a line: seeded pseudo-random answers built
// from the protocol's own pieces, each line becoming a command with a Return code or a rejection.
import { describe, expect, it } from 'vitest';
import { executeCommandLine, type CommandContext } from '../../firmware/command-apply.js';
import { commandNameOf, formatReply, parseCommandBody, RETURN_CODES } from '../../firmware/commands.js';
import { smallBiometric } from '../fixtures/models.js';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { defaultSettings } from '../../firmware/settings.js';
import { parseTimestamp } from '../../firmware/time.js';
import { createMemoryPorts } from '../../src/store/memory.js';

/** devices/biometric.json with small capacities, so that garbage reaches the capacity checks too. */
const model = smallBiometric({ users: 5, fingerprints: 4, cards: 3, punches: 100 });

/** mulberry32: a tiny deterministic PRNG, so a failing seed can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// prettier-ignore
const PIECES = [
  'C:', 'C:17:', 'C:abc:', 'C::', 'C:1-2:', 'c:5:', ':', 'OK', ' ', '\t', '=', '==', '[', ']', '\u00e9', '\u{1F600}',
  '\0', 'DATA', 'UPDATE', 'DELETE', 'QUERY', 'DEL', 'USERINFO', 'FINGERTMP', 'ATTLOG', 'CLEAR', 'LOG', 'CHECK',
  'INFO', 'REBOOT', 'SET', 'OPTION', 'ENROLL_FP', 'USER ADD', 'PIN=', 'PIN=1001', 'PIN=2', 'Name=', 'Pri=',
  'Privilege=', 'Card=', 'Card=[15CD5B07]', 'Verify=', 'Grp=', 'FID=', 'FID=6', 'Size=', 'Valid=', 'TMP=',
  'StartTime=', 'EndTime=', '2026-11-25 08:00:00', 'RETRY=', 'OVERWRITE=', 'Delay=', 'TimeZone=', 'IPAddress=', '-1',
  '0', '14', '99999999999', 'abc', simulatedTemplate({ person: '2', fid: 1 }), 'QUJD', '__proto__', 'constructor=',
];

// prettier-ignore
const HEADS = [
  'DATA UPDATE USERINFO', 'DATA DELETE USERINFO', 'DATA UPDATE FINGERTMP', 'DATA DELETE FINGERTMP',
  'DATA QUERY ATTLOG', 'DATA QUERY USERINFO', 'CLEAR LOG', 'CLEAR DATA', 'CHECK', 'INFO', 'REBOOT', 'SET OPTION',
  'ENROLL_FP', 'USER ADD', 'DATA DEL USERINFO',
];

// prettier-ignore
const KEYS = [
  'PIN', 'Name', 'Pri', 'Privilege', 'Passwd', 'Card', 'Grp', 'TZ', 'Verify', 'FID', 'Size', 'Valid', 'TMP',
  'StartTime', 'EndTime', 'RETRY', 'OVERWRITE', 'Delay', 'TimeZone', 'IPAddress', 'DHCP', '', '__proto__',
];

// prettier-ignore
const VALUES = [
  '', '1', '2', '3', '6', '14', '-1', '0', '9', '10', '1001', 'x y', '[15CD5B07]', '[zz]', '99999999999',
  '2026-11-25 08:00:00', '2026-13-01 00:00:00', '10.0.0.1', '330', 'QUJD', '=',
  simulatedTemplate({ person: '2', fid: 1 }),
];

/** Half the lines are shaped like commands with random fields, half are pieces thrown together. */
function garbageLine(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  if (random() < 0.5) {
    const fields = Array.from({ length: Math.floor(random() * 6) }, () => `${pick(KEYS)}=${pick(VALUES)}`);
    // Most carry a plausible PIN and FID, so that garbage reaches the tables and not only the field checks.
    const pin = pick(['1', '2', '3', '1001', '1002', '7']);
    if (random() < 0.7) fields.unshift(`PIN=${pin}`, `FID=${pick(['0', '1', '6'])}`);
    return `C:${Math.floor(random() * 400)}:${pick(HEADS)}${pick([' ', '\t'])}${fields.join(pick(['\t', '\t', ' ']))}`;
  }
  const count = 1 + Math.floor(random() * 12);
  let line = random() < 0.7 ? `C:${Math.floor(random() * 40)}:` : '';
  for (let i = 0; i < count; i++) {
    line += random() < 0.9 ? pick(PIECES) : String.fromCharCode(Math.floor(random() * 0x10000));
    line += pick([' ', '\t', '', '']);
  }
  return line;
}

function contextFor(): CommandContext {
  const now = parseTimestamp('2026-11-25 09:00:00')!;
  return { ports: createMemoryPorts(), model, settings: defaultSettings(model), now, serialNumber: 'TC1A000001' };
}

const KNOWN_CODES = new Set<number>(Object.values(RETURN_CODES));

describe('garbage from a server', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('gives a command or a rejection for every line, seed %i', (seed) => {
    const random = prng(seed);
    const lines = Array.from({ length: 60 }, () => garbageLine(random));
    const meaningful = lines.filter((l) => !/^\s*(OK)?\s*$/i.test(l) && !/[\r\n]/.test(l));

    const { commands, rejected } = parseCommandBody(meaningful.join(random() < 0.5 ? '\n' : '\r\n'));

    expect(commands.length + rejected.length).toBe(meaningful.length);
    expect(rejected.every((r) => r.problem.length > 0 && r.lineNumber >= 1)).toBe(true);
  });

  it.each([11, 12, 13, 14])('applies every parsed command to a Return code the protocol knows, seed %i', (seed) => {
    const random = prng(seed);
    const body = Array.from({ length: 80 }, () => garbageLine(random)).join('\n');
    const ctx = contextFor();

    const replies = parseCommandBody(body).commands.map((line) => {
      const { outcome } = executeCommandLine(line, ctx);
      return { code: outcome.returnCode, text: formatReply(line.id, commandNameOf(line.text), outcome) };
    });

    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(KNOWN_CODES.has(reply.code)).toBe(true);
      expect(reply.text.split('\n')[0]).toMatch(/^ID=[0-9A-Za-z]{1,16}&Return=-?\d+&CMD=\w*$/);
    }
    expect(ctx.ports.users.count()).toBeLessThanOrEqual(model.capacity.users);
    expect(ctx.ports.templates.count()).toBeLessThanOrEqual(model.capacity.fingerprints);
  });

  it('never throws on arbitrary UTF-16 text', () => {
    const random = prng(99);
    for (let n = 0; n < 200; n++) {
      const text = Array.from({ length: Math.floor(random() * 80) }, () =>
        String.fromCharCode(Math.floor(random() * 0x10000)),
      ).join('');

      expect(() => parseCommandBody(`C:1:${text}\n${text}`)).not.toThrow();
    }
  });
});
