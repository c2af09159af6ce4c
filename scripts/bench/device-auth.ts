// What proving who a clock is costs the cloud per request, without HTTP: getrequest answered in-process
// (cloud.handle) for a clock with nothing queued, once sending its device key (a SHA-256 and a compare per
// request) and once as a serial-only clock; and a flood of unknown serial numbers noted as pending (one
// write each, the list bounded). Counts the answers and checks each; warm: a first round is thrown away.
// CPU from process.cpuUsage().
// Run: npx tsx scripts/bench/device-auth.ts [requests]
import { createCloud } from '../../src/cloud/index.js';
import { machineLine, today } from './machine.js';

const REQUESTS = Number(process.argv[2] ?? 50_000);
const clockNow = { t: Date.UTC(2026, 10, 25, 8) };
const cloud = createCloud({ now: () => clockNow.t, registration: { pendingLimit: 1_000 } });
const { key } = cloud.addClock({ sn: 'TC1A000001', deliver: false });
cloud.addClock({ sn: 'TC1A000002', auth: 'serial' });

async function requests(sn: (i: number) => string, headers: Record<string, string>, want: number): Promise<number> {
  let answered = 0;
  for (let i = 0; i < REQUESTS; i++) {
    clockNow.t += 2_000;
    const answer = await cloud.handle({ method: 'GET', path: '/iclock/getrequest', query: { SN: sn(i) }, headers });
    if (answer.status === want) answered++;
  }
  return answered;
}

async function timed(label: string, run: () => Promise<number>) {
  await run();
  const cpu = process.cpuUsage();
  const answered = await run();
  const used = process.cpuUsage(cpu);
  return { label, answered, perRequestUs: (used.user + used.system) / REQUESTS };
}

const rows = [
  await timed('getrequest with the device key', () =>
    requests(() => 'TC1A000001', { authorization: `Bearer ${key}` }, 200),
  ),
  await timed('getrequest, serial-only clock', () => requests(() => 'TC1A000002', {}, 200)),
  await timed('unknown serial numbers, each noted as pending', () => requests((i) => `TC9U${i}`, {}, 403)),
];
const pending = cloud.registry.pending(1);
await cloud.close();
for (const row of rows) if (row.answered !== REQUESTS) throw new Error(`${row.label}: ${row.answered} of ${REQUESTS}`);
if (pending.total !== 1_000) throw new Error(`the pending list holds ${pending.total}, not its bound 1,000`);
console.log(`device auth, ${today()}, ${machineLine()}`);
console.log(`| what | requests answered | CPU per request |`);
console.log('|---|---|---|');
for (const row of rows)
  console.log(`| ${row.label} | ${row.answered.toLocaleString('en')} | ${row.perRequestUs.toFixed(2)} µs |`);
console.log(
  `pending list after ${(2 * REQUESTS).toLocaleString('en')} unknown requests: ${pending.total} (bound 1,000), ${pending.dropped.toLocaleString('en')} dropped`,
);
