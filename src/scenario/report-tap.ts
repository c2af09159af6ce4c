// TAP version 13: one test point per scenario (a bad file is one failing point), with a YAML block
// saying where the failing step is written and what it found.
import { stringify } from 'yaml';
import type { FileResult } from './results.js';

export function formatTap(results: readonly FileResult[]): string {
  const points = results.reduce((n, file) => n + (file.error ? 1 : file.scenarios.length), 0);
  const out = ['TAP version 13', `1..${points}`];
  let n = 0;
  for (const file of results) {
    if (file.error) {
      out.push(`not ok ${++n} - ${file.file} # bad file`);
      out.push(...diagnostic({ message: file.error.message, severity: 'error', at: file.error.at }));
      continue;
    }
    for (const s of file.scenarios) {
      out.push(`${s.ok ? 'ok' : 'not ok'} ${++n} - ${s.name.replace(/#/g, '\\#')}`);
      if (!s.ok && s.failure) {
        const { at, text, on, clockTime } = s.failure;
        out.push(
          ...diagnostic({ message: s.message ?? '', severity: 'fail', at, step: text, clock: on, time: clockTime }),
        );
      }
    }
  }
  return `${out.join('\n')}\n`;
}

function diagnostic(data: Record<string, unknown>): string[] {
  const body = stringify(data, { lineWidth: 0 }).trimEnd().split('\n');
  return ['  ---', ...body.map((l) => `  ${l}`), '  ...'];
}
