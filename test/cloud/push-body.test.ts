// A PUSH body read as it arrives: ordinary lines whole, however the bytes are cut; reading stops at a
// megabyte line, kept only as far as it takes to refuse it; whatever the cuts, the lines answered are the
// ones a body given whole is answered with; a body over the limit refused with 413.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPushBody, wasCutShort } from '../../src/cloud/push/push-body.js';
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

  it('stops reading at a megabyte line, keeping the lines before it and only as much of it as refuses it', async () => {
    const body = `${LINE}\n${'x'.repeat(2 ** 20)}\n${LINE}\n`;
    const payload = arriving(body, [5, 70_000, 500_000, 1_048_600]);

    const kept = await readPushBody(payload, 4 * 2 ** 20);

    // Before the change the line after it was read and kept too: the whole megabyte went through the reader.
    expect(kept.length).toBe(LINE.length + 1 + MAX_LINE_CHARS + 2);
    expect(wasCutShort(payload)).toBe(true);
    const parsed = parseAttlogBody(kept);
    expect(parsed.records).toHaveLength(1);
    expect(parsed.rejected).toMatchObject([
      { lineNumber: 2, problem: expect.stringMatching(/longer than 65536 bytes/) },
    ]);
    // The body given whole (the in-process transport) is answered the same: the line after is not read.
    expect(parseAttlogBody(body)).toEqual(parsed);
  });

  it('reads on past a line of exactly the most a record may be, with LF or CRLF, and stops one byte past it', async () => {
    const most = 'y'.repeat(MAX_LINE_CHARS);
    for (const ending of ['\n', '\r\n']) {
      const body = `${most}${ending}${LINE}\n`;
      const payload = arriving(body, [MAX_LINE_CHARS, MAX_LINE_CHARS + 1]);
      expect(await readPushBody(payload, 2 ** 20)).toBe(body);
      expect(wasCutShort(payload)).toBe(false);
    }
    const over = arriving(`${most}y\n${LINE}\n`, [MAX_LINE_CHARS + 1]);
    expect(parseAttlogBody(await readPushBody(over, 2 ** 20)).records).toHaveLength(0);
    expect(wasCutShort(over)).toBe(true);
  });

  it('answers the same lines as the body given whole, however it is cut and wherever its overlong line is', async () => {
    const near = [MAX_LINE_CHARS - 1, MAX_LINE_CHARS, MAX_LINE_CHARS + 1, MAX_LINE_CHARS + 2, 200_000];
    const piece = fc.oneof(
      fc.constant(LINE),
      fc.constant(''),
      fc.constantFrom(...near).map((n) => 'z'.repeat(n)),
      // Two-byte characters: a line's bytes, not its characters, are what is counted.
      fc.constantFrom(...near).map((n) => 'é'.repeat(Math.ceil(n / 2))),
    );
    const body = fc
      .array(fc.tuple(piece, fc.constantFrom('\n', '\r\n', '\r')), { minLength: 1, maxLength: 5 })
      .map((lines) => lines.map(([text, end]) => text + end).join(''));
    await fc.assert(
      fc.asyncProperty(body, fc.array(fc.nat(400_000), { maxLength: 6 }), async (text, cuts) => {
        const kept = await readPushBody(arriving(text, cuts), 4 * 2 ** 20);
        expect(parseAttlogBody(kept)).toEqual(parseAttlogBody(text));
      }),
      { numRuns: 150 },
    );
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
