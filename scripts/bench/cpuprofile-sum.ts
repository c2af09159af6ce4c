// Where a profiled step's time goes: reads a .cpuprofile (node --cpu-prof) and sums self-time under the
// frames of one function (default tapCard) by where the code lives — xstate, the firmware, the store, the
// runtime — and the top functions; the garbage collector's share of the whole profile beside it.
// With --from/--to (seconds after the profile's start), only the samples of that window: the idle and the
// rush of a fleet run (node --cpu-prof --import tsx scripts/bench/fleet.ts …), root (root) for everything.
// Run: npx tsx scripts/bench/cpuprofile-sum.ts FILE.cpuprofile [function] [--from S] [--to S]
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string', default: '0' }, to: { type: 'string', default: 'Infinity' } },
});
const [file, root = 'tapCard'] = positionals;
if (file === undefined) throw new Error('usage: cpuprofile-sum.ts FILE.cpuprofile [function] [--from S] [--to S]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const [from, to] = [Number(values.from) * 1e6, Number(values.to) * 1e6];
const self = new Map<number, number>();
let at = 0;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at >= from && at <= to) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** Where a frame's code lives, by its file. */
function room(url: string): string {
  if (url.includes('node_modules/xstate')) return 'xstate';
  const match = /\/(firmware|src\/\w+)\//.exec(url);
  return match ? match[1]! : url === '' ? '(native)' : 'other';
}

const rooms = new Map<string, number>();
const functions = new Map<string, number>();
let under = 0;
function walk(id: number, inside: boolean): void {
  const node = byId.get(id)!;
  const now = inside || node.callFrame.functionName === root;
  const time = self.get(id) ?? 0;
  if (now && time > 0) {
    under += time;
    const where = room(node.callFrame.url);
    rooms.set(where, (rooms.get(where) ?? 0) + time);
    const name = `${node.callFrame.functionName || '(anonymous)'} (${where})`;
    functions.set(name, (functions.get(name) ?? 0) + time);
  }
  for (const child of node.children ?? []) walk(child, now);
}
walk(profile.nodes[0]!.id, false);

const gc = [...byId.values()]
  .filter((n) => n.callFrame.functionName === '(garbage collector)')
  .reduce((sum, n) => sum + (self.get(n.id) ?? 0), 0);
const pct = (t: number, of: number) => `${((100 * t) / of).toFixed(1)} %`;
console.log(`${root}: ${pct(under, total)} of the profile; the garbage collector ${pct(gc, total)} of it`);
console.log(`self-time under ${root}, by room:`);
for (const [where, t] of [...rooms].sort((a, b) => b[1] - a[1]))
  console.log(`  ${pct(t, under).padStart(7)}  ${where}`);
console.log('top functions:');
for (const [name, t] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 15))
  console.log(`  ${pct(t, under).padStart(7)}  ${name}`);
