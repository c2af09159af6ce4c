// `timeclock run --lan`: the setting through flags, environment and config file, and the listener it starts.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../src/cli/config.js';
import { startLan } from '../../src/cli/lan.js';
import { createLogger } from '../../src/log.js';
import { createClock } from '../../src/runtime/index.js';

const env = { XDG_DATA_HOME: '/nonexistent-timeclock-test' };

describe('the --lan setting', () => {
  it('defaults to loopback 4370 when free', () => {
    expect(resolveRunConfig({ memory: true }, env).lan).toBe('default');
  });

  it('takes TIMECLOCK_LAN, and a flag beats it', () => {
    expect(resolveRunConfig({ memory: true }, { ...env, TIMECLOCK_LAN: '5000' }).lan).toBe('5000');
    expect(resolveRunConfig({ memory: true, lan: 'off' }, { ...env, TIMECLOCK_LAN: '5000' }).lan).toBe('off');
  });

  it('names the flag and what it must be when the value is bad', () => {
    expect(() => resolveRunConfig({ memory: true, lan: 'somewhere' }, env)).toThrow(/--lan.*off, a port, or HOST:PORT/);
  });

  it('says where it listens, and listens there', async () => {
    const clock = createClock();
    const say = new PassThrough();
    const listener = await startLan('127.0.0.1:0', clock, createLogger({ level: 'silent' }), say);

    expect(String(say.read())).toMatch(/^lan: SDKs .* on 127\.0\.0\.1:\d+ \(TCP and UDP\)/);
    expect(listener?.port).toBeGreaterThan(0);
    await listener?.close();
    clock.close();
  });

  it('is off when told so', async () => {
    const clock = createClock();

    expect(await startLan('off', clock, createLogger({ level: 'silent' }), new PassThrough())).toBeUndefined();
    clock.close();
  });
});
