// The root logger: JSON lines with the injected time, and no password or template ever written out.
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';

import { createLogger, lazyChild, MASK, maskSecrets } from '../src/log.js';

const TIME = '2026-11-25T08:02:11.000Z';

/** A logger writing into an array, one parsed JSON object per line. */
function collectingLogger(level?: string) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ destination, time: () => TIME, ...(level ? { level } : {}) });
  const records = (): Record<string, unknown>[] => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, records };
}

describe('createLogger', () => {
  it('writes one JSON line per call with level, injected time and message', () => {
    const { logger, lines } = collectingLogger();

    logger.info({ pin: '1001' }, 'punch recorded');

    expect(lines).toEqual([`{"level":30,"time":"${TIME}","pin":"1001","msg":"punch recorded"}`]);
  });

  it('leaves out pid and hostname', () => {
    const { logger, records } = collectingLogger();

    logger.info('booted');

    expect(Object.keys(records()[0]!)).toEqual(['level', 'time', 'msg']);
  });

  it('writes nothing below info unless asked', () => {
    const { logger, lines } = collectingLogger();

    logger.debug('polled');

    expect(lines).toEqual([]);
  });

  it('writes debug lines at level debug', () => {
    const { logger, records } = collectingLogger('debug');

    logger.debug('polled');

    expect(records()[0]).toMatchObject({ level: 20, msg: 'polled' });
  });

  it('carries a child bindings, and its redaction, into every line', () => {
    const { logger, records } = collectingLogger();

    logger.child({ module: 'sync' }).info({ password: '1234' }, 'user received');

    expect(records()[0]).toMatchObject({ module: 'sync', password: MASK });
  });
});

describe('redaction of logged fields', () => {
  it('masks a password at the top level', () => {
    const { logger, lines } = collectingLogger();

    logger.info({ password: '1234' }, 'x');

    expect(lines[0]).not.toContain('1234');
  });

  it('masks a user password and template, keeping the rest', () => {
    const { logger, records } = collectingLogger();

    logger.info({ user: { pin: '1001', password: '1234', template: 'VENTSU0x' } }, 'stored');

    expect(records()[0]!.user).toEqual({ pin: '1001', password: MASK, template: MASK });
  });

  it('masks the protocol spellings Passwd and TMP', () => {
    const { logger, records } = collectingLogger();

    logger.info({ fields: { Passwd: '99', TMP: 'QUJD' } }, 'parsed');

    expect(records()[0]!.fields).toEqual({ Passwd: MASK, TMP: MASK });
  });

  it('masks passwords in a list of users', () => {
    const { logger, records } = collectingLogger();

    logger.info({ users: [{ pin: '1', password: 'a' }] }, 'downloaded');

    expect(records()[0]!.users).toEqual([{ pin: '1', password: MASK }]);
  });

  it('keeps an empty password empty, since having none is no secret', () => {
    const { logger, records } = collectingLogger();

    logger.info({ user: { pin: '1', password: '' } }, 'stored');

    expect(records()[0]!.user).toEqual({ pin: '1', password: '' });
  });
});

describe('redaction of protocol text', () => {
  it('masks Passwd= in a logged command line and keeps the other fields', () => {
    const { logger, records } = collectingLogger();

    logger.info({ command: 'C:17:DATA UPDATE USERINFO PIN=1001\tName=Ana\tPasswd=4321\tCard=3809012973' }, 'cmd');

    expect(records()[0]!.command).toBe(`C:17:DATA UPDATE USERINFO PIN=1001\tName=Ana\tPasswd=${MASK}\tCard=3809012973`);
  });

  it('masks TMP= in a command line nested one level down', () => {
    const { logger, lines } = collectingLogger();

    logger.info({ request: { body: 'FP PIN=1001\tFID=6\tSize=1024\tValid=1\tTMP=QUJDREVG' } }, 'upload');

    expect(lines[0]).toContain(`TMP=${MASK}`);
    expect(lines[0]).not.toContain('QUJDREVG');
  });

  it('masks a password inside an object logged under a text key', () => {
    const { logger, lines } = collectingLogger();

    logger.info({ body: { user: { pin: '1', password: '8642' } } }, 'parsed');

    expect(lines[0]).not.toContain('8642');
  });

  it('masks secrets in each line of a logged list of lines', () => {
    const { logger, records } = collectingLogger();

    logger.info({ lines: ['USER PIN=1\tPasswd=77', 'OK'] }, 'reply');

    expect(records()[0]!.lines).toEqual([`USER PIN=1\tPasswd=${MASK}`, 'OK']);
  });

  it('masks secrets in the message itself, after formatting', () => {
    const { logger, lines } = collectingLogger();

    logger.warn('rejected %s', 'DATA UPDATE USERINFO PIN=1\tPasswd=5555');

    expect(lines[0]).not.toContain('5555');
  });

  it('masks secrets in the message and stack of a logged error', () => {
    const { logger, lines } = collectingLogger();

    logger.error({ err: new Error('bad line: PIN=1\tTMP=c2VjcmV0') }, 'command failed');

    expect(lines[0]).not.toContain('c2VjcmV0');
  });
});

describe('maskSecrets', () => {
  it.each([
    [
      'masks the value of Passwd=, Password= and TMP=',
      'Passwd=1\tPassword=2\tTMP=3',
      'Passwd=***\tPassword=***\tTMP=***',
    ],
    ['masks whatever the case of the key', 'passwd=1\tPASSWORD=2\tTmp=3', 'passwd=***\tPASSWORD=***\tTmp=***'],
    ['masks a value up to the tab that ends its field', 'PIN=1\tPasswd=a b\tCard=5', 'PIN=1\tPasswd=***\tCard=5'],
    [
      'masks each line of a multi-line text separately',
      'USER PIN=1\tPasswd=1\nFP PIN=1\tTMP=QQ==\n',
      'USER PIN=1\tPasswd=***\nFP PIN=1\tTMP=***\n',
    ],
    ['leaves an empty value empty', 'PIN=1\tPasswd=\tCard=5', 'PIN=1\tPasswd=\tCard=5'],
    ['leaves a key that only ends in a secret name alone', 'XTMP=1\tMyPasswd=2', 'XTMP=1\tMyPasswd=2'],
    ['leaves text without secrets unchanged', 'ID=17&Return=0&CMD=DATA', 'ID=17&Return=0&CMD=DATA'],
  ])('%s', (_name, text, masked) => {
    expect(maskSecrets(text)).toBe(masked);
  });
});

describe('lazyChild', () => {
  it('makes no child until a line is written, then one that writes its bindings', () => {
    const { logger, records } = collectingLogger();
    const child = vi.spyOn(logger, 'child');

    const lazy = lazyChild(logger, { client: '127.0.0.2:5000', transport: 'tcp' });
    expect(child).not.toHaveBeenCalled();
    lazy.warn('bad LAN packet');
    lazy.info({ session: 7 }, 'LAN client connected');

    expect(child).toHaveBeenCalledTimes(1);
    expect(records().map((r) => [r.client, r.transport, r.msg])).toEqual([
      ['127.0.0.2:5000', 'tcp', 'bad LAN packet'],
      ['127.0.0.2:5000', 'tcp', 'LAN client connected'],
    ]);
  });

  it('keeps the level the parent had and writes nothing below it', () => {
    const { logger, lines } = collectingLogger('warn');

    const lazy = lazyChild(logger, { client: 'x' });
    lazy.info('not written');

    expect(lazy.level).toBe('warn');
    expect(lines).toEqual([]);
  });
});
