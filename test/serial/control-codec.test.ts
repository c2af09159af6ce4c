// The control protocol's request parser: what it accepts, and errors that name the bad field.
import { describe, expect, it } from 'vitest';
import { LineDecoder, MAX_KEYS_PER_REQUEST, MAX_LINE_BYTES, parseControlLine } from '../../src/serial/index.js';

const ok = (line: string) => parseControlLine(line);

describe('parseControlLine', () => {
  it('reads each command with its id', () => {
    expect(ok('{"id":1,"cmd":"press","key":"OK"}')).toEqual({ id: 1, request: { cmd: 'press', key: 'OK' } });
    expect(ok('{"id":"a","cmd":"card","card":3003}')).toEqual({ id: 'a', request: { cmd: 'card', card: '3003' } });
    expect(ok('{"cmd":"network","up":false}')).toEqual({ id: null, request: { cmd: 'network', up: false } });
    expect(ok('{"cmd":"advance","ms":1500}')).toMatchObject({ request: { cmd: 'advance', ms: 1500 } });
    expect(ok('{"cmd":"punches"}')).toMatchObject({ request: { cmd: 'punches', after: 0, limit: 100 } });
    expect(ok('{"cmd":"finger","finger":"1003/right-index"}')).toMatchObject({ request: { quality: 'good' } });
  });

  it('reads keys as digits with # for OK and * for ESC, or as key names', () => {
    expect(ok('{"cmd":"keys","keys":"10#*"}')).toMatchObject({ request: { keys: ['1', '0', 'OK', 'ESC'] } });
    expect(ok('{"cmd":"keys","keys":["F1","MENU"]}')).toMatchObject({ request: { keys: ['F1', 'MENU'] } });
  });

  it.each([
    ['{"cmd":"press","key":"X"}', 'key'],
    ['{"cmd":"keys","keys":"12a"}', 'keys[2]'],
    ['{"cmd":"keys","keys":["OK",5]}', 'keys[1]'],
    ['{"cmd":"card","card":"12ab"}', 'card'],
    ['{"cmd":"finger","finger":"nobody"}', 'finger'],
    ['{"cmd":"finger","finger":"1003/6","quality":"bad"}', 'quality'],
    ['{"cmd":"cloud","up":"yes"}', 'up'],
    ['{"cmd":"advance","ms":-1}', 'ms'],
    ['{"cmd":"punches","limit":0}', 'limit'],
    ['{"cmd":"hello","protocol":"one"}', 'protocol'],
    ['{"cmd":"dance"}', 'cmd'],
    ['{"id":[1],"cmd":"screen"}', 'id'],
    ['[1,2]', 'line'],
    ['{"cmd":', 'line'],
  ])('names the bad field of %s', (line, field) => {
    const parsed = parseControlLine(line);
    expect('error' in parsed && parsed.error.field).toBe(field);
  });

  it('lists the valid commands when cmd is unknown', () => {
    expect(parseControlLine('{"id":9,"cmd":"dance"}')).toEqual({
      id: 9,
      cmd: 'dance',
      error: { field: 'cmd', message: expect.stringContaining('keys, press, finger, card') },
    });
  });
});

describe('LineDecoder', () => {
  it('splits CR LF and LF lines, skipping blank ones, across chunks', () => {
    const d = new LineDecoder();
    expect([...d.push(Buffer.from('{"a":1}\r\n\n{"b"')), ...d.push(Buffer.from(':2}\n'))]).toEqual([
      '{"a":1}',
      '{"b":2}',
    ]);
  });

  it('refuses a line over 64 KiB and reads the next one', () => {
    const problems: string[] = [];
    const d = new LineDecoder((p) => problems.push(p.message));
    const lines = [...d.push(Buffer.alloc(70_000, 0x41)), ...d.push(Buffer.from('tail\n{"ok":1}\n'))];
    expect(lines).toEqual(['{"ok":1}']);
    expect(problems).toEqual(['line too long (over 65536 bytes)']);
  });

  it('answers a 10 MiB line without a newline once, however it is cut, and holds at most 64 KiB of it', () => {
    const problems: number[] = [];
    const d = new LineDecoder((p) => problems.push(p.offset));
    const held: number[] = [];
    for (let i = 0; i < 160; i++) {
      d.push(Buffer.alloc(65_536, 0x31));
      held.push(d.buffered);
    }
    const lines = d.push(Buffer.from('still the same line\n{"cmd":"screen"}\n'));
    expect(problems).toEqual([0]);
    expect(Math.max(...held)).toBeLessThanOrEqual(MAX_LINE_BYTES);
    expect(lines).toEqual(['{"cmd":"screen"}']);
  });

  it('answers one overlong line in one chunk once, and names where the next one starts', () => {
    const problems: number[] = [];
    const d = new LineDecoder((p) => problems.push(p.offset));
    const big = Buffer.alloc(10 * 1024 * 1024, 0x31);
    expect(d.push(Buffer.concat([big, Buffer.from('\n'), big, Buffer.from('\n{"a":1}\n')]))).toEqual(['{"a":1}']);
    expect(problems).toEqual([0, big.length + 1]);
  });
});

describe('keys limits', () => {
  it(`refuses more than ${MAX_KEYS_PER_REQUEST} keys in one request, naming the limit`, () => {
    const parsed = parseControlLine(JSON.stringify({ id: 1, cmd: 'keys', keys: '1*'.repeat(30_000) }));
    expect(parsed).toEqual({
      id: 1,
      cmd: 'keys',
      error: {
        field: 'keys',
        message: `at most ${MAX_KEYS_PER_REQUEST} keys per request (got 60000); send them in several requests`,
      },
    });
  });

  it(`takes exactly ${MAX_KEYS_PER_REQUEST} keys, as a string or as a list`, () => {
    const keys = '1'.repeat(MAX_KEYS_PER_REQUEST);
    expect(parseControlLine(JSON.stringify({ cmd: 'keys', keys }))).toMatchObject({ request: { cmd: 'keys' } });
    const list = Array.from({ length: MAX_KEYS_PER_REQUEST + 1 }, () => 'OK');
    expect(parseControlLine(JSON.stringify({ cmd: 'keys', keys: list }))).toMatchObject({ error: { field: 'keys' } });
  });
});
