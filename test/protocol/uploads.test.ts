// ATTLOG and OPERLOG bodies, both ways, and the upload answer.
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../firmware/time.js';
import { newUser } from '../../firmware/users.js';
import type { Punch } from '../../firmware/punches.js';
import {
  formatAttlog,
  formatOperlog,
  formatUploadAnswer,
  parseAttlogBody,
  parseOperlogBody,
  parseUploadAnswer,
} from '../../src/protocol/index.js';

const t = (text: string): number => parseTimestamp(text)!;

describe('ATTLOG bodies', () => {
  it('reads the example upload of docs/wire-formats.md §1', () => {
    const body = '1001\t2026-11-25 08:02:11\t0\t1\t0\t0\t0\n1002\t2026-11-25 08:03:40\t0\t4\t0\t0\t0\n';
    const { records, rejected } = parseAttlogBody(body);
    expect(rejected).toEqual([]);
    expect(records).toEqual([
      { pin: '1001', time: t('2026-11-25 08:02:11'), status: 0, verify: 1, workCode: '0' },
      { pin: '1002', time: t('2026-11-25 08:03:40'), status: 0, verify: 4, workCode: '0' },
    ]);
  });

  it('formats punches as the clock sends them', () => {
    const punch: Punch = { seq: 7, pin: '1001', time: t('2026-11-25 08:02:11'), state: 0, verify: 1, workCode: 0 };
    expect(formatAttlog([punch])).toBe('1001\t2026-11-25 08:02:11\t0\t1\t0\t0\t0\n');
  });

  it('rejects a bad line alone, with its number and the field at fault', () => {
    const body = '1001\t2026-11-25 08:02:11\t0\t1\r\n\r\n1002\t2026-13-25 08:03:40\t0\t4\nhello\n';
    const { records, rejected } = parseAttlogBody(body);
    expect(records).toHaveLength(1);
    expect(rejected).toEqual([
      { lineNumber: 3, line: '1002\t2026-13-25 08:03:40\t0\t4', problem: expect.stringMatching(/^time must be/) },
      { lineNumber: 4, line: 'hello', problem: expect.stringMatching(/fewer than two/) },
    ]);
  });

  it('answers OK: <count> and reads the answer forms servers give', () => {
    expect(formatUploadAnswer(2)).toBe('OK: 2');
    expect(parseUploadAnswer('OK: 2')).toEqual({ ok: true, count: 2 });
    expect(parseUploadAnswer('OK:2\n')).toEqual({ ok: true, count: 2 });
    expect(parseUploadAnswer('OK')).toEqual({ ok: true });
    expect(parseUploadAnswer('<h1>500</h1>')).toMatchObject({ ok: false });
  });
});

describe('OPERLOG bodies', () => {
  const example = [
    'OPLOG 4\t14\t2026-11-25 10:22:34\t0\t0\t0\t0',
    'USER PIN=1001\tName=Ana Lopez\tPri=0\tPasswd=\tCard=3809012973\tGrp=1\tTZ=0000000000000000\tVerify=0',
    'FP PIN=1001\tFID=6\tSize=8\tValid=1\tTMP=QUJDRA==',
  ].join('\n');

  it('reads the example upload of docs/wire-formats.md §1', () => {
    const { records, rejected } = parseOperlogBody(example);
    expect(rejected).toEqual([]);
    expect(records).toEqual([
      { kind: 'operation', operation: { op: 4, admin: '14', time: t('2026-11-25 10:22:34'), values: [0, 0, 0] } },
      { kind: 'user', user: newUser('1001', { name: 'Ana Lopez', card: '3809012973', verifyMode: 0 }) },
      { kind: 'template', template: { pin: '1001', fid: 6, valid: true, template: 'QUJDRA==' }, size: 8 },
    ]);
  });

  it('formats operations, users and templates into the same lines', () => {
    const body = formatOperlog([
      { op: 4, admin: '14', time: t('2026-11-25 10:22:34'), values: [0, 0, 0] },
      { user: newUser('1001', { name: 'Ana Lopez', card: '3809012973', verifyMode: 0 }) },
      { template: { pin: '1001', fid: 6, valid: true, template: 'QUJDRA==' } },
    ]);
    expect(body).toBe(`${example}\n`);
  });

  it('keeps tables it does not model as other records, and rejects broken lines', () => {
    const { records, rejected } = parseOperlogBody(
      'USERPIC PIN=1\tContent=AAAA\nUSER Name=x\nFP PIN=1\tFID=12\tTMP=QQ==',
    );
    expect(records).toEqual([{ kind: 'other', table: 'USERPIC', text: 'PIN=1\tContent=AAAA' }]);
    expect(rejected.map((r) => r.problem)).toEqual(['USER PIN is missing', expect.stringMatching(/^FP FID must be/)]);
  });
});
