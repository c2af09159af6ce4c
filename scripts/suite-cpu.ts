// Where the suite's CPU goes, file by file: `TIMECLOCK_TEST_CPU=/tmp/cpu.jsonl npm test`, then
// `tsx scripts/suite-cpu.ts /tmp/cpu.jsonl [N]`. Beside each file's CPU seconds (its test process and the
// processes it started, test/fixtures/file-cpu.ts) its wall seconds from vitest's report: a file that
// waits (scaled real time, sockets, a browser) has less CPU than wall, and leaves a core to the others.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const [cpuFile, top = '25'] = process.argv.slice(2);
if (!cpuFile) {
  process.stderr.write('usage: tsx scripts/suite-cpu.ts CPU.jsonl [how many files]\n');
  process.exit(2);
}

interface Row {
  file: string;
  cpu: number;
  wall: number;
}

const report = JSON.parse(fs.readFileSync(path.join(ROOT, 'test-results', 'vitest.json'), 'utf8')) as {
  testResults: { name: string; startTime: number; endTime: number }[];
};
const wall = new Map(report.testResults.map((r) => [r.name, (r.endTime - r.startTime) / 1000]));
const rows: Row[] = fs
  .readFileSync(cpuFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { file: string; self: number; children: number })
  .map((r) => ({ file: path.relative(ROOT, r.file), cpu: r.self + r.children, wall: wall.get(r.file) ?? 0 }));

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
rows.sort((a, b) => b.cpu - a.cpu);
const line = (cpu: string, wallS: string, file: string) => `${cpu.padStart(8)} ${wallS.padStart(8)}  ${file}\n`;
process.stdout.write(line('CPU s', 'wall s', 'file'));
for (const row of rows.slice(0, Number(top)))
  process.stdout.write(line(row.cpu.toFixed(1), row.wall.toFixed(1), row.file));
process.stdout.write(
  line(sum(rows.map((r) => r.cpu)).toFixed(1), sum(rows.map((r) => r.wall)).toFixed(1), `all ${rows.length} files`),
);
