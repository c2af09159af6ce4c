// A PUSH body read as it arrives: ordinary lines whole, however the bytes are cut; a megabyte line kept
// only as far as it takes to refuse it; a body over the limit refused with 413.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPushBody } from '../../src/cloud/push/push-body.js';
import { MAX_LINE_CHARS, parseAttlogBody } from '../../src/protocol/index.js';

function arriving(text: string, cuts: number[]): IncomingMessage {
  const bytes = Buffer.from(text, 'utf8');
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks = [0, ...at, bytes.length].slice(1).map((end, i, all) => bytes.subarray(i === 0 ? 0 : all[i - 1], end));
  return Object.assign(Readable.from(chunks.filter((c) => c.length > 0)), {
    headers: {},
  }) as unknown as IncomingMessage;
}

const LINE = '1001\t2026-11-25 08:02:11\t0\t1\t0\t0\t0';

describe('a PUSH body read as it arrives', () => {
  it('keeps ordinary lines whole wherever the bytes are cut', async () => {
    const body = `${LINE}\n${'Ünïcode name\tx'}\r\n${LINE}\n`;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(200), { maxLength: 6 }), async (cuts) => {
        expect(await readPushBody(arriving(body, cuts), 1_000_000)).toBe(body);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a megabyte line only as far as needed to refuse it, and the lines around it', async () => {
    const body = `${LINE}\n${'x'.repeat(2 ** 20)}\n${LINE}\n`;

    const kept = await readPushBody(arriving(body, [5, 70_000, 500_000, 1_048_600]), 4 * 2 ** 20);

    expect(kept.length).toBe(LINE.length + 1 + MAX_LINE_CHARS + 1 + 1 + LINE.length + 1);
    const parsed = parseAttlogBody(kept);
    expect(parsed.records).toHaveLength(2);
    expect(parsed.rejected).toMatchObject([{ lineNumber: 2, problem: expect.stringMatching(/longer than 65536/) }]);
  });

  it('refuses a body over the limit with 413', async () => {
    await expect(readPushBody(arriving('x'.repeat(5_000), [1_000, 2_000]), 4_096)).rejects.toMatchObject({
      statusCode: 413,
    });
  });

  it('refuses a body whose Content-Length is over the limit before reading a byte of it', async () => {
    let read = 0;
    const stream = Object.assign(
      new Readable({
        read() {
          read++;
          this.push(null);
        },
      }),
      { headers: { 'content-length': String(60 * 2 ** 20) } },
    ) as unknown as IncomingMessage;

    await expect(readPushBody(stream, 4 * 2 ** 20)).rejects.toMatchObject({ statusCode: 413 });
    expect(read).toBe(0);
  });
});
