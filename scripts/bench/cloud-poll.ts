// The cloud's own cost of one poll, without HTTP: getrequest answered in-process (cloud.handle, the path
// of virtual-time runs) for a clock with nothing queued, its last-seen time and INFO already known — the
// poll a clock makes every Delay all day. Counts the answers and checks each is `OK`. Warm: a first
// round is thrown away. CPU from process.cpuUsage(); the same loop calling an empty async function is the floor.
// Run: npx tsx scripts/bench/cloud-poll.ts [polls]
import { createCloud } from '../../src/cloud/index.js';
import { machineLine, today } from './machine.js';

const POLLS = Number(process.argv[2] ?? 100_000);

async function timed(
  label: string,
  run: () => Promise<number>,
): Promise<{ label: string; perPollUs: number; answered: number }> {
  const cpu = process.cpuUsage();
  const answered = await run();
  const used = process.cpuUsage(cpu);
  return { label, perPollUs: (used.user + used.system) / POLLS, answered };
}

async function polls(cloud: ReturnType<typeof createCloud>, sn: string, clockNow: { t: number }): Promise<number> {
  let ok = 0;
  for (let i = 0; i < POLLS; i++) {
    clockNow.t += 2_000;
    const answer = await cloud.handle({ method: 'GET', path: '/iclock/getrequest', query: { SN: sn } });
    if (answer.status === 200 && answer.body === 'OK') ok++;
  }
  return ok;
}

const clockNow = { t: Date.UTC(2026, 10, 25, 8) };
const cloud = createCloud({ autoRegister: true, now: () => clockNow.t });
cloud.registerClock('TC1A000001');
await cloud.handle({
  method: 'GET',
  path: '/iclock/getrequest',
  query: { SN: 'TC1A000001', INFO: 'Ver 8.0.4,6,5,0,127.0.0.1,10' },
});
await polls(cloud, 'TC1A000001', clockNow);
const floor = await timed('empty async call (the loop itself)', async () => {
  let n = 0;
  const empty = async () => ({ status: 200, body: 'OK' });
  for (let i = 0; i < POLLS; i++) if ((await empty()).body === 'OK') n++;
  return n;
});
const poll = await timed('getrequest, nothing queued, in-process', () => polls(cloud, 'TC1A000001', clockNow));
await cloud.close();
if (poll.answered !== POLLS) throw new Error(`only ${poll.answered} of ${POLLS} polls answered OK`);
console.log(`cloud poll, ${today()}, ${machineLine()}`);
console.log('| what | polls answered | CPU per poll |');
console.log('|---|---|---|');
for (const row of [poll, floor])
  console.log(`| ${row.label} | ${row.answered.toLocaleString('en')} | ${row.perPollUs.toFixed(2)} µs |`);
