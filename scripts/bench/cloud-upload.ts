// How fast the reference cloud takes ATTLOG uploads: 100,000 punches from one clock over loopback, in
// batches of the given size, each answered `OK: <n>` before the next is sent (as a clock does), and
// the same upload again (every record a duplicate). The server runs in a child process, as in cloud-load.ts.
// --employees: the punches are 500 employees' (their badges known to the cloud, 8 punches a day each), so
// each is stored under its employee and lands in the timesheets' day table; without it no badge is known.
// Run: npx tsx scripts/bench/cloud-upload.ts [punches] [batch] [--employees]
import { parseTimestamp } from '../../firmware/time.js';
import { formatAttlog, httpTransport } from '../../src/protocol/index.js';
import { startBenchServer } from './cloud-server.js';
import { machineLine, today } from './machine.js';

const EMPLOYEES = process.argv.includes('--employees');
const positional = process.argv.slice(2).filter((arg) => arg !== '--employees');
const PUNCHES = Number(positional[0] ?? 100_000);
const BATCH = Number(positional[1] ?? 1_000);
/** The employees' punches: 500 of them, all at once every 3 hours (a second apart). */
const EVERY_3_HOURS = 3 * 3_600_000;

async function upload(url: string, bodies: string[]): Promise<number> {
  const transport = httpTransport(url, { timeoutMs: 60_000 });
  const started = performance.now();
  for (const body of bodies) {
    const res = await transport.request({
      method: 'POST',
      path: '/iclock/cdata',
      query: { SN: 'TC1A000001', table: 'ATTLOG', Stamp: '1' },
      body,
    });
    if (res.body !== `OK: ${body.split('\n').length - 1}`) throw new Error(`unexpected answer ${res.body}`);
  }
  const ms = performance.now() - started;
  transport.close();
  return ms;
}

async function main(): Promise<void> {
  const base = parseTimestamp('2026-01-01 00:00:00')!;
  const bodies: string[] = [];
  for (let start = 0; start < PUNCHES; start += BATCH) {
    const punches = Array.from({ length: Math.min(BATCH, PUNCHES - start) }, (_, j) => {
      const i = start + j;
      return {
        seq: i + 1,
        pin: String((EMPLOYEES ? 100_000 : 1000) + (i % 500)),
        time: EMPLOYEES ? base + Math.floor(i / 500) * EVERY_3_HOURS + (i % 500) * 1000 : base + i * 1000,
        state: 0 as const,
        verify: 1 as const,
        workCode: 0,
      };
    });
    bodies.push(formatAttlog(punches));
  }
  const server = await startBenchServer(10);
  // Badges 100000–100499 on the clock TC1A000001, as seed() makes them.
  if (EMPLOYEES) await server.seed(1, 500);
  const m0 = await server.mark();
  const firstMs = await upload(server.url, bodies);
  const m1 = await server.mark();
  const againMs = await upload(server.url, bodies);
  const m2 = await server.mark();
  await server.stop();
  const cpu = (a: typeof m0, b: typeof m0): string =>
    `${(((b.cpu.user - a.cpu.user + b.cpu.system - a.cpu.system) / 1000 / (b.at - a.at)) * 100).toFixed(0)} %`;
  const perSecond = (ms: number): string => Math.round((PUNCHES * 1000) / ms).toLocaleString('en');
  console.log(`cloud upload, ${today()}, ${machineLine()}`);
  console.log(
    `| ATTLOG upload of ${PUNCHES.toLocaleString('en')} ${EMPLOYEES ? 'employees’ ' : ''}punches, batches of ${BATCH} | records/s | server CPU |`,
  );
  console.log('|---|---|---|');
  console.log(`| new records | ${perSecond(firstMs)} | ${cpu(m0, m1)} of one core |`);
  console.log(`| the same again (all duplicates) | ${perSecond(againMs)} | ${cpu(m1, m2)} of one core |`);
}

await main();
