// The portal's first SysAdmin on a cloud's first start, and the embedded cloud's stable port.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectCloud } from '../../src/cli/cloud-link.js';
import { PASSWORD_FILE, firstAccount, firstAccountLines } from '../../src/cli/portal-account.js';
import { createCloud } from '../../src/cloud/index.js';
import { createLogger } from '../../src/log.js';
import { createClock } from '../../src/runtime/index.js';
import { makeTempDir } from '../fixtures/temp-dir.js';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('the first SysAdmin of a new cloud', () => {
  it('is made once, with a random password kept in a file only its owner reads', () => {
    const temp = makeTempDir('timeclock-portal-');
    closers.push(() => temp.remove());
    const dir = temp.path;
    const cloud = createCloud({ data: path.join(dir, 'cloud.db') });
    closers.push(() => cloud.close());
    const account = firstAccount(cloud.accounts, dir)!;
    const file = path.join(dir, PASSWORD_FILE);
    expect(account).toMatchObject({ username: 'admin', file });
    expect(account.password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(fs.readFileSync(file, 'utf8')).toContain(`password: ${account.password}`);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(cloud.accounts.signIn('admin', account.password).ok).toBe(true);
    expect(firstAccount(cloud.accounts, dir)).toBeUndefined();
    expect(firstAccountLines(account).join('\n')).toContain(`kept in ${file}`);
  });

  it('is said to live in memory only for a cloud in memory', () => {
    const cloud = createCloud();
    closers.push(() => cloud.close());
    const account = firstAccount(cloud.accounts, undefined)!;
    expect(account.file).toBeUndefined();
    expect(firstAccountLines(account)[1]).toMatch(/memory only/);
  });
});

describe('the embedded cloud’s port', () => {
  it('is refused, naming it, when a port given is taken (the default one falls back: ports-taken.test.ts)', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const taken = (blocker.address() as net.AddressInfo).port;
    const clock = createClock({ store: 'memory', time: { virtual: '2026-11-25T07:58:00' } });
    closers.push(() => clock.close());
    const connecting = connectCloud(clock, {
      target: 'embedded',
      dataDir: '',
      memory: true,
      demo: false,
      logger: createLogger({ level: 'silent' }),
      port: taken,
    });
    await expect(connecting).rejects.toThrow(new RegExp(`^port ${taken}: .*EADDRINUSE`));
  });
});
