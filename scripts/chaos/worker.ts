// The clock of the crash test: a real clock on a SQLite file, linked to a cloud over HTTP, punching as
// fast as it can in virtual time and uploading meanwhile. It prints `ack PIN TIME` when the screen thanks
// the employee (the punch is durable then). The parent kills it with SIGKILL at any moment; started again
// on the same file, it goes on after its last punch. `final`: no punching, upload everything, print the log.
// Run by chaos.ts, bundled by esbuild first: node worker-HASH.mjs DATA_DIR CLOUD_URL run|final
import path from 'node:path';
import { newUser } from '../../firmware/index.js';
import { createClock } from '../../src/runtime/index.js';
import { startSync } from '../../src/sync/index.js';

export const CHAOS_USERS = 100;
/** Longer than the result screen: each punch starts from the idle screen. */
const STEP_MS = 3_500;

const [dataDir = '', cloudUrl = '', mode = 'run'] = process.argv.slice(2);
const clock = createClock({
  store: path.join(dataDir, 'clock.db'),
  time: { virtual: '2026-11-25T08:00:00' },
  serialNumber: 'TC1A000001',
});
if (clock.records.users.count() === 0) {
  clock.load({
    users: Array.from({ length: CHAOS_USERS }, (_, i) =>
      newUser(String(5000 + i), { name: `Chaos ${i}`, verifyMode: 0 }),
    ),
  });
}
const link = startSync(clock, { url: cloudUrl, requestTimeoutMs: 5_000 });
// The handshake sets the clock to the server's time, which the last run's virtual time may be ahead of:
// this run goes on after its last punch, so that no two runs punch at the same second.
await link.whenIdle().catch(() => undefined);
const last = clock.punches().at(-1);
if (last !== undefined && last.time >= clock.now()) clock.advance(last.time - clock.now() + STEP_MS);
process.stdout.write('ready\n');

if (mode === 'final') {
  for (let i = 0; i < 20; i++) {
    try {
      await link.whenIdle();
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const log = clock.punches().map((p) => ({ pin: p.pin, time: p.time }));
  process.stdout.write(`final ${JSON.stringify(log)}\n`);
  await link.stop();
  clock.close();
} else {
  const seen: { recorded?: { pin: string; time: number } } = {};
  clock.on('punch.recorded', ({ punch }) => (seen.recorded = { pin: punch.pin, time: punch.time }));
  for (let n = 0; ; n++) {
    const pin = String(5000 + (n % CHAOS_USERS));
    seen.recorded = undefined;
    clock.type(pin);
    clock.press('OK');
    const recorded = seen.recorded as { pin: string; time: number } | undefined;
    if (recorded !== undefined && clock.frame().lines.some((line) => line.startsWith('Thank you'))) {
      process.stdout.write(`ack ${recorded.pin} ${recorded.time}\n`);
    }
    clock.advance(STEP_MS);
    // Let the uploads of the link run, so that a kill lands during them too.
    await new Promise((resolve) => setImmediate(resolve));
    if (n % 10 === 9) await link.whenIdle().catch(() => undefined);
  }
}
