// A real `timeclock run --headless --lan` in its own process, on a store file made beforehand through
// the store API (100,000 punches are written in one transaction, not punched), for the SDK tests.
import { afterAll, beforeAll } from 'vitest';
import { newUser, simulatedTemplate, type Punch } from '../../firmware/index.js';
import { openSqlitePorts } from '../../src/store/index.js';
import { ClockProcess } from '../fixtures/clock-process.js';
import { makeTempDir, type TempDir } from '../fixtures/temp-dir.js';

export const ANA = { pin: '1001', name: 'Ana Lopez', card: '3809012973' };
export const BEN = { pin: '1002', name: 'Ben Okafor', card: '12345678' };
/** Ana's right index finger, the one template of the seeded store. */
export const ANA_TEMPLATE = simulatedTemplate({ person: ANA.pin, fid: 6 });

/** The n-th seeded punch: alternating Ana and Ben, a minute apart from 2026-11-01 08:00. */
export function seededPunch(i: number): Omit<Punch, 'seq'> {
  return {
    pin: i % 2 === 0 ? ANA.pin : BEN.pin,
    time: Date.UTC(2026, 10, 1, 8, 0, 0) + i * 60_000,
    state: (i % 2) as Punch['state'],
    verify: 1,
    workCode: 0,
  };
}

export interface LanProcess {
  clock: ClockProcess;
  port: number;
  dir: TempDir;
  stop(): Promise<void>;
}

/**
 * Seeds `<dir>/clock.db` with Ana, Ben and `punches` punches, then starts the CLI on it with `--lan
 * 127.0.0.1:0`. Given the `dir` of a stopped one, starts again on its store as it was left.
 */
export async function startLanProcess(
  options: { punches?: number; args?: string[]; dir?: TempDir } = {},
): Promise<LanProcess> {
  const dir = options.dir ?? makeTempDir('timeclock-lan-');
  if (options.dir === undefined) seed(dir, options.punches ?? 0);
  const clock = ClockProcess.start([
    '--data',
    dir.path,
    '--cloud',
    'none',
    '--no-demo',
    '--log-level',
    'warn',
    '--time',
    'virtual:2026-11-25T08:00:00',
    '--lan',
    '127.0.0.1:0',
    ...(options.args ?? []),
  ]);
  try {
    const found = await clock.waitFor(/lan: SDKs .* on 127\.0\.0\.1:(\d+) \(TCP and UDP\)/);
    return {
      clock,
      port: Number(found[1]),
      dir,
      stop: async () => {
        await clock.stop();
        dir.remove();
      },
    };
  } catch (error) {
    await clock.stop();
    dir.remove();
    throw error;
  }
}

function seed(dir: TempDir, punches: number): void {
  const store = openSqlitePorts(dir.file('clock.db'), { synchronous: 'normal' });
  try {
    store.transaction(() => {
      store.users.put(newUser(ANA.pin, { name: ANA.name, card: ANA.card, privilege: 14 }));
      store.users.put(newUser(BEN.pin, { name: BEN.name, card: BEN.card }));
      store.templates.put({ pin: ANA.pin, fid: 6, valid: true, template: ANA_TEMPLATE });
      for (let i = 0; i < punches; i++) store.punches.append(seededPunch(i));
    });
  } finally {
    store.close();
  }
}

/** One clock process for a whole test file: started before its tests, stopped after them. */
export function sharedLanProcess(options: { punches?: number } = {}): () => LanProcess {
  let clock: LanProcess | undefined;
  beforeAll(async () => {
    clock = await startLanProcess(options);
  }, 120_000);
  afterAll(async () => {
    await clock?.stop();
  });
  return () => clock!;
}
