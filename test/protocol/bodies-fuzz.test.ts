// Property-based fuzzing of the PUSH codecs (src/protocol): whatever arrives, the parsers never throw and
// account for every line (a record, or a rejection with its line number and what is wrong), and what a
// formatter writes is read back as the same value.
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import type { Punch, PunchState } from '../../firmware/punches.js';
import type { NewOperation } from '../../firmware/ports.js';
import { bodyLines } from '../../src/protocol/lines.js';
import {
  TRANS_FLAG_BITS,
  formatAttlog,
  formatDeviceOptionsBody,
  formatDevicecmdBody,
  formatOperlog,
  formatOptionsBody,
  formatQuery,
  formatUploadAnswer,
  parseAttlogBody,
  parseDeviceOptionsBody,
  parseDevicecmdBody,
  parseOperlogBody,
  parseOptionsBody,
  parseQuery,
  parseUploadAnswer,
  type CommandReply,
  type OperlogItem,
  type PushOptions,
} from '../../src/protocol/index.js';
import { itHolds } from '../fixtures/fuzz.js';
import {
  alphanumeric,
  anyText,
  commandId,
  fieldValue,
  pin,
  template,
  user,
  wholeSecond,
} from '../fixtures/push-arbitraries.js';

/** A body of lines: any text, or lines built from the body's own separators and pieces. */
const hostileBody = fc.oneof(
  anyText(400),
  fc
    .array(
      fc.array(
        fc.oneof(anyText(12), fc.constantFrom('\t', '=', '&', 'ID=', 'Return=', 'OPLOG', 'USER', 'FP', 'PIN=1')),
        {
          maxLength: 8,
        },
      ),
      { maxLength: 12 },
    )
    .map((lines) => lines.map((pieces) => pieces.join('')).join('\n')),
);

/** Line numbers from 1, and a problem in words, for every rejected line. */
function expectRejectionsExplained(rejected: readonly { lineNumber: number; problem: string }[]): void {
  for (const r of rejected) {
    expect(r.lineNumber).toBeGreaterThanOrEqual(1);
    expect(r.problem.length).toBeGreaterThan(0);
  }
}

const punch: fc.Arbitrary<Punch> = fc.record({
  seq: fc.nat(),
  pin,
  time: wholeSecond,
  state: fc.constantFrom<PunchState>(0, 1, 2, 3, 4, 5, 255),
  verify: fc.constantFrom(0 as const, 1 as const, 4 as const, 15 as const),
  workCode: fc.integer({ min: 0, max: 999_999 }),
});

/** An operation value: a whole number, or text that is not one (a number in text would come back a number). */
const operationValue = fc.oneof(
  fc.integer({ min: -2_147_483_648, max: 4_294_967_295 }),
  fieldValue(12).filter((s) => s !== '' && !/^-?\d{1,10}$/.test(s)),
);

const operation: fc.Arbitrary<NewOperation> = fc.record({
  op: fc.integer({ min: 0, max: 65_535 }),
  admin: pin,
  time: wholeSecond,
  values: fc.tuple(operationValue, operationValue, operationValue),
});

const operlogItem: fc.Arbitrary<OperlogItem> = fc.oneof(
  operation,
  user.map((u) => ({ user: u })),
  template.map((t) => ({ template: t })),
);

/** What an OPERLOG line is read back as. */
function operlogRecord(item: OperlogItem) {
  if ('user' in item) return { kind: 'user', user: item.user };
  if ('template' in item) return { kind: 'template', template: item.template, size: item.template.template.length };
  return { kind: 'operation', operation: item };
}

const reply: fc.Arbitrary<CommandReply> = fc.record({
  id: commandId,
  returnCode: fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  cmd: fc.stringMatching(/^\w{0,32}$/),
  info: fc.dictionary(
    // An info key `ID` would start a reply of its own: `ID=…` is a head line.
    fieldValue(16).filter((k) => k !== '' && !k.includes('=') && !/^id$/i.test(k)),
    fieldValue(30),
    { maxKeys: 5 },
  ),
});

const TIMEZONES = fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15);

const pushOptions: fc.Arbitrary<PushOptions> = fc.record({
  attlogStamp: fc.oneof(fc.constantFrom('None', '0'), alphanumeric(12)),
  operlogStamp: fc.oneof(fc.constantFrom('None', '0'), alphanumeric(12)),
  attphotoStamp: fc.oneof(fc.constantFrom('None', '0'), alphanumeric(12)),
  errorDelay: fc.integer({ min: 1, max: 86_400 }),
  delay: fc.integer({ min: 1, max: 86_400 }),
  transTimes: fc.array(
    fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    { maxLength: 10 },
  ),
  transInterval: fc.integer({ min: 0, max: 1_440 }),
  transFlags: fc.subarray([...TRANS_FLAG_BITS]).map((words) => new Set<string>(words)),
  timeZoneMinutes: TIMEZONES,
  realtime: fc.boolean(),
  encrypt: alphanumeric(10),
});

type UploadParse = (body: string) => {
  records: readonly unknown[];
  rejected: readonly { lineNumber: number; problem: string }[];
};

/** Any body, however hostile, parses without throwing into records and explained rejections, line for line. */
function itAccountsForEveryLine(parse: UploadParse): void {
  itHolds(
    'never throws and accounts for every line of any body',
    3_000,
    fc.property(hostileBody, (body) => {
      const { records, rejected } = parse(body);

      expect(records.length + rejected.length).toBe(bodyLines(body).length);
      expectRejectionsExplained(rejected);
    }),
  );
}

/** A table the clock uploads: any body is accounted for, and whatever the clock formats is read back, record for item. */
function describeUploadBody<T>(
  table: string,
  what: string,
  body: { parse: UploadParse; format: (items: T[]) => string; items: fc.Arbitrary<T[]>; record: (item: T) => unknown },
): void {
  describe(`${table} bodies`, () => {
    itAccountsForEveryLine(body.parse);

    itHolds(
      `reads back every ${what} the clock formats`,
      1_000,
      fc.property(body.items, (items) => {
        const { records, rejected } = body.parse(body.format(items));

        expect(rejected).toEqual([]);
        expect(records).toEqual(items.map(body.record));
      }),
    );
  });
}

describeUploadBody('ATTLOG', 'punch', {
  parse: parseAttlogBody,
  format: formatAttlog,
  items: fc.array(punch, { maxLength: 20 }),
  record: (p) => ({ pin: p.pin, time: p.time, status: p.state, verify: p.verify, workCode: String(p.workCode) }),
});

describeUploadBody('OPERLOG', 'operation, user and finger', {
  parse: parseOperlogBody,
  format: formatOperlog,
  items: fc.array(operlogItem, { maxLength: 12 }),
  record: operlogRecord,
});

/** Pairs on `ID=…` lines other than ID, Return and CMD: what a reply line may carry besides its head. */
function headPairs(body: string): number {
  return bodyLines(body)
    .filter(({ line }) => /^ID=/i.test(line))
    .flatMap(({ line }) => line.split('&'))
    .filter((piece) => piece.indexOf('=') > 0 && !/^\s*(id|return|cmd)\s*=/i.test(piece)).length;
}

describe('devicecmd bodies', () => {
  itHolds(
    'never throws and accounts for every line of any body',
    3_000,
    fc.property(hostileBody, (body) => {
      const { replies, rejected } = parseDevicecmdBody(body);
      const infoEntries = replies.reduce((n, r) => n + Object.keys(r.info).length, 0);

      // Every info entry comes from a Key=Value line or from a pair on a reply line (VERIFY SUM's).
      expect(replies.length + rejected.length + infoEntries).toBeLessThanOrEqual(
        bodyLines(body).length + headPairs(body),
      );
      expectRejectionsExplained(rejected);
    }),
  );

  itHolds(
    'reads back every reply the clock formats, INFO lines included',
    1_000,
    fc.property(fc.array(reply, { maxLength: 8 }), (replies) => {
      const { replies: read, rejected } = parseDevicecmdBody(formatDevicecmdBody(replies));

      expect(rejected).toEqual([]);
      expect(read).toEqual(replies);
    }),
  );
});

describe('handshake (options) bodies', () => {
  itHolds(
    'never throws on any body, and names the key or the line of each problem',
    3_000,
    fc.property(hostileBody, (body) => {
      const { problems } = parseOptionsBody(body);

      for (const problem of problems) expect(problem).toMatch(/^(line \d+ |the answer has no |\S+ (must|has) )/);
    }),
  );

  itHolds(
    'reads back every handshake a server formats, with its serial number',
    1_000,
    fc.property(alphanumeric(16), pushOptions, (sn, options) => {
      const parsed = parseOptionsBody(formatOptionsBody(sn, options));

      expect(parsed.problems).toEqual([]);
      expect(parsed.serialNumber).toBe(sn);
      expect(parsed.options).toEqual(options);
    }),
  );
});

describe('the small bodies', () => {
  itHolds(
    'reads back the options a clock pushes (key=value,key=value)',
    1_000,
    fc.property(
      fc.dictionary(
        fieldValue(16).filter((k) => k !== '' && !/[,=]/.test(k)),
        fieldValue(30).filter((v) => !v.includes(',')),
        { maxKeys: 6 },
      ),
      (options) => {
        expect(parseDeviceOptionsBody(formatDeviceOptionsBody(options))).toEqual(options);
      },
    ),
  );

  itHolds(
    'reads any upload answer as OK with its count or as a problem quoting it, and OK: n back as n',
    3_000,
    fc.property(anyText(60), fc.integer({ min: 0, max: 9_999_999_999 }), (text, count) => {
      const answer = parseUploadAnswer(text);

      if (!answer.ok) expect(answer.problem).toMatch(/^the server answered ".*" instead of OK: <count>$/s);
      expect(parseUploadAnswer(formatUploadAnswer(count))).toEqual({ ok: true, count });
    }),
  );

  itHolds(
    'never throws on any query string, and reads back a formatted one',
    3_000,
    fc.property(
      anyText(120),
      fc.dictionary(
        fieldValue(12).filter((k) => k !== ''),
        fieldValue(30),
        { maxKeys: 5 },
      ),
      (search, query) => {
        parseQuery(search);

        expect(parseQuery(formatQuery(query))).toEqual(query);
      },
    ),
  );
});
