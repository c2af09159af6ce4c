// Property-based fuzzing (fast-check) of every serial decoder: any bytes, cut anywhere, never throw and
// never make a decoder hold more than its longest frame; a valid frame cut anywhere comes back exactly;
// valid frames between bursts of noise all come back, in order. Runs per property are modest here; on
// demand `npm run fuzz:serial` (FUZZ_RUNS=1000000) runs each property a million times, and
// `FUZZ_RUNS=N npx vitest run test/serial/fuzz.test.ts -t control` one parser. A failure prints the
// counterexample and the seed to replay it with (fc.assert's `seed` and `path`).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_KEYS } from '../../firmware/index.js';
import {
  CONTROL_COMMANDS,
  LineDecoder,
  MAX_KEYS_PER_REQUEST,
  MAX_LINE_BYTES,
  parseControlLine,
} from '../../src/serial/index.js';
import { CASES, cutAt, cuts, type FuzzCase } from './fuzz-cases.js';

const CMDS: readonly string[] = CONTROL_COMMANDS;

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? '') || undefined;
/**
 * `runs` per property in `npm test`; FUZZ_RUNS replaces it (and lifts the test timeout). A `heavy`
 * property (inputs of hundreds of KiB) runs a hundredth of FUZZ_RUNS, so that a million-run session
 * ends the same day.
 */
const params = (runs: number, heavy = false) => ({
  numRuns: FUZZ_RUNS === undefined ? runs : Math.max(1, heavy ? Math.round(FUZZ_RUNS / 100) : FUZZ_RUNS),
});
const TIMEOUT = FUZZ_RUNS === undefined ? undefined : 24 * 3600 * 1000;

/** Pushes every chunk, checking the decoder's hold after each; returns what it decoded. */
function decodeAll(c: FuzzCase, bytes: Uint8Array, sizes: number[]): string[] {
  const d = c.decoder();
  const out: string[] = [];
  for (const chunk of cutAt(bytes, sizes)) {
    out.push(...d.push(chunk));
    if (d.buffered > c.maxBuffered) throw new Error(`holds ${d.buffered} bytes, over ${c.maxBuffered}`);
  }
  return out;
}

describe.each(CASES)('fuzzing the $name decoder', (c) => {
  it(
    'never throws on any bytes cut anywhere, and never holds more than its longest frame',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 2048, size: 'max' }), cuts, (bytes, sizes) => {
          decodeAll(c, bytes, sizes);
        }),
        params(1000),
      );
    },
    TIMEOUT,
  );

  it(
    'gives back exactly the frame it was sent, however it is cut',
    () => {
      fc.assert(
        fc.property(c.frame, cuts, (frame, sizes) => {
          expect(decodeAll(c, frame.bytes, sizes)).toEqual([frame.key]);
        }),
        params(1000),
      );
    },
    TIMEOUT,
  );

  it(
    'finds every frame between bursts of noise, in order',
    () => {
      const stream = fc.array(fc.tuple(c.noise, c.frame), { maxLength: 12, size: 'medium' });
      fc.assert(
        fc.property(stream, cuts, (parts, sizes) => {
          const lf = Uint8Array.of(0x0a);
          const bytes = Buffer.concat(
            parts.flatMap(([noise, f]) => (c.lineEnd ? [noise, lf, f.bytes] : [noise, f.bytes])),
          );
          expect(decodeAll(c, bytes, sizes)).toEqual(parts.map(([, f]) => f.key));
        }),
        params(500),
      );
    },
    TIMEOUT,
  );
});

describe('fuzzing the control protocol parser', () => {
  it(
    'answers any line with a request or an error naming a field, never a throw',
    () => {
      const line = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc
          .dictionary(
            fc.constantFrom(
              'id',
              'cmd',
              'keys',
              'key',
              'card',
              'ms',
              'up',
              'after',
              'limit',
              'finger',
              'token',
              'protocol',
              'quality',
            ),
            fc.jsonValue(),
          )
          .map((o) => JSON.stringify(o)),
        fc
          .record({ cmd: fc.constantFrom(...CMDS), rest: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()) })
          .map(({ cmd, rest }) => JSON.stringify({ ...rest, cmd })),
      );
      fc.assert(
        fc.property(line, (text) => {
          const parsed = parseControlLine(text);
          if ('error' in parsed) expect(parsed.error.field).toMatch(/^(line|id|cmd|[a-z]+(\[\d+\])?)$/);
          else expect(CMDS).toContain(parsed.request.cmd);
        }),
        params(2000),
      );
    },
    TIMEOUT,
  );

  it(
    `refuses any keys request over ${MAX_KEYS_PER_REQUEST} keys, naming the limit`,
    () => {
      const keys = fc.oneof(
        fc.string({ unit: fc.constantFrom(...'0123456789#*'), minLength: MAX_KEYS_PER_REQUEST + 1, maxLength: 4000 }),
        fc.array(fc.constantFrom(...ALL_KEYS), { minLength: MAX_KEYS_PER_REQUEST + 1, maxLength: 4000 }),
      );
      fc.assert(
        fc.property(keys, (k) => {
          const parsed = parseControlLine(JSON.stringify({ cmd: 'keys', keys: k }));
          expect(parsed).toMatchObject({
            error: { field: 'keys', message: expect.stringContaining(`at most ${MAX_KEYS_PER_REQUEST}`) },
          });
        }),
        params(200),
      );
    },
    TIMEOUT,
  );

  it(
    'answers each overlong line once and keeps every short one, however the stream is cut',
    () => {
      const line = fc.oneof(
        { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', '{', ' '), maxLength: 40 }) },
        {
          weight: 1,
          arbitrary: fc.integer({ min: MAX_LINE_BYTES - 2, max: MAX_LINE_BYTES * 3 }).map((n) => 'x'.repeat(n)),
        },
      );
      const bigCuts = fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 8 });
      fc.assert(
        fc.property(fc.array(line, { maxLength: 8 }), bigCuts, (lines, sizes) => {
          const problems: number[] = [];
          const d = new LineDecoder((p) => problems.push(p.offset));
          const got: string[] = [];
          for (const chunk of cutAt(Buffer.from(lines.map((l) => `${l}\n`).join('')), sizes)) {
            got.push(...d.push(chunk));
            expect(d.buffered).toBeLessThanOrEqual(MAX_LINE_BYTES);
          }
          expect(got).toEqual(lines.filter((l) => l.length <= MAX_LINE_BYTES && l.trim() !== ''));
          expect(problems).toHaveLength(lines.filter((l) => l.length > MAX_LINE_BYTES).length);
        }),
        params(100, true),
      );
    },
    TIMEOUT,
  );
});
