// `timeclock init [DIR]`: a scenarios folder to start from: a shared set-up, two scenarios (one over a
// table of inputs), a README line, and each file wired to the JSON Schema of the installed package, so
// that an editor completes and checks them. Never overwrites a file.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UsageError, onAction, timeclockCommand, type OutputIo } from './program.js';

/** Where the schema is in a project that installed the package (`package.json` exports it too). */
const SCHEMA_IN_PROJECT = 'node_modules/timeclock-sim/src/scenario/scenario.schema.json';

const SHARED = `# A set-up the scenarios of this folder share with include: _shared/office.yaml. A folder or file whose
# name starts with _ holds set-ups: timeclock scenario DIR does not run it as a scenario.
clock: { serial: TC1A000001, time: '2026-11-25T07:58:00' }
cloud: none
employees:
  - { first: Ada, last: Admin, badge: 1001, role: administrator, nonSecure: true }
  - { first: Bruno, last: Silva, badge: 1002, nonSecure: true, card: 3809012973 }
groups:
  badge 1002:
    - keys: '1002'
    - press: OK
`;

const PUNCH = `# One scenario over a table of inputs: each row runs as its own scenario, \${key} and \${label} replaced.
name: Bruno punches \${label} with \${key}
include: _shared/office.yaml
examples:
  - { key: F1, label: Check In }
  - { key: F2, label: Check Out }
steps:
  - press: \${key}
  - use: badge 1002
  - expect: { screen: ['Thank you, Bruno Silva', '\${label}'], punches: 1 }
`;

const ABOUT = `# The serial number under menu > Settings > About device, read by the administrator.
name: The administrator reads the serial number in About device
include: _shared/office.yaml
steps:
  - menu: { path: [Settings, About device], as: 1001 }
  - expect: { state: menu.about, screen: TC1A000001 }
  - press: ESC
  - expect: { state: menu.settings }
`;

const README = `# Scenarios

Run them with \`npx timeclock scenario .\` (add \`--watch\` to re-run on every save, \`--html report.html\`
for a report with the screen after each step); \`npx timeclock coverage .\` shows what of the firmware they reach.
`;

/** The files `init` writes, by path inside DIR; YAML files get the schema line for their folder. */
function filesFor(dir: string): Record<string, string> {
  const schemaLine = (file: string) => {
    const from = path.dirname(path.resolve(dir, file));
    return `# yaml-language-server: $schema=${path.relative(from, path.resolve(SCHEMA_IN_PROJECT))}\n`;
  };
  const files: Record<string, string> = {
    '_shared/office.yaml': SHARED,
    'punch-with-badge.yaml': PUNCH,
    'about-device.yaml': ABOUT,
  };
  const out: Record<string, string> = { 'README.md': README };
  // A set-up has no name of its own, which the schema of a scenario asks for: it gets no schema line.
  for (const [file, text] of Object.entries(files)) out[file] = file.startsWith('_') ? text : schemaLine(file) + text;
  return out;
}

export function createInitCommand(io: OutputIo): Command {
  const command = timeclockCommand('init', io)
    .description('write a scenarios folder to start from, wired to the JSON Schema for editors')
    .argument('[dir]', 'the folder to write (default: scenarios)');
  return onAction(command, ([dir = 'scenarios']) => {
    const files = filesFor(dir);
    const existing = Object.keys(files).filter((file) => fs.existsSync(path.join(dir, file)));
    if (existing.length > 0) {
      throw new UsageError(
        `${dir} already holds ${existing.join(', ')}: not overwritten (remove them, or name another folder)`,
      );
    }
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text, { flag: 'wx' });
    }
    io.stdout.write(
      `wrote ${Object.keys(files)
        .map((f) => path.join(dir, f))
        .join(', ')}\n`,
    );
    io.stdout.write(`run them: npx timeclock scenario ${dir}\n`);
    return 0;
  });
}
