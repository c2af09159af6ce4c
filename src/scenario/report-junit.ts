// JUnit XML for CI: one <testsuite> per file, one <testcase> per scenario; a failing step is a
// <failure>, a bad file an <error>. Times are wall-clock seconds, as CI servers expect.
import { formatShard, type Shard } from '../shard/index.js';
import type { FileResult } from './results.js';

/**
 * A shard's report names the shard on <testsuites> and, as a property, on each <testsuite>: tools that
 * merge the shards' reports keep the suites and drop the root. Suites are named by file, and each file
 * is in one shard, so merged reports hold no suite twice; no `id` attributes, which would repeat.
 */
export function formatJUnit(results: readonly FileResult[], wallMs: number, shard?: Shard): string {
  const all = results.flatMap((r) => r.scenarios);
  const failures = all.filter((s) => !s.ok).length;
  const errors = results.filter((r) => r.error).length;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="timeclock scenarios${shard ? `, shard ${formatShard(shard)}` : ''}" tests="${all.length + errors}" failures="${failures}" errors="${errors}" time="${seconds(wallMs)}">`,
  ];
  const properties = shard
    ? ['    <properties>', `      <property name="shard" value="${formatShard(shard)}"/>`, '    </properties>']
    : [];
  for (const file of results) {
    const name = attr(file.file);
    if (file.error) {
      out.push(
        `  <testsuite name="${name}" tests="1" failures="0" errors="1" time="0">`,
        ...properties,
        `    <testcase classname="${name}" name="(load)" time="0">`,
        `      <error type="ScenarioFileError" message="${attr(file.error.message)}">${text(file.error.message)}</error>`,
        '    </testcase>',
        '  </testsuite>',
      );
      continue;
    }
    const failed = file.scenarios.filter((s) => !s.ok).length;
    const time = file.scenarios.reduce((n, s) => n + s.wallMs, 0);
    out.push(
      `  <testsuite name="${name}" tests="${file.scenarios.length}" failures="${failed}" errors="0" time="${seconds(time)}">`,
      ...properties,
    );
    for (const s of file.scenarios) {
      out.push(`    <testcase classname="${name}" name="${attr(s.name)}" time="${seconds(s.wallMs)}">`);
      if (s.message !== undefined) {
        const first = s.message
          .split('\n')
          .slice(0, 3)
          .map((l) => l.trim())
          .join(' ');
        out.push(`      <failure type="StepFailure" message="${attr(first)}">${text(s.message)}</failure>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Characters XML 1.0 cannot carry at all are dropped; the rest escaped. */
function text(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
