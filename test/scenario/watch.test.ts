// `timeclock scenario --watch` in its own process: it runs again when a scenario file, a file it
// includes, or a new file in the folder changes, one line per run. No sleeping: each wait is on the
// watcher's own output line, bounded by a timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunningTimeclock } from './cli-process.js';
import { tempDir } from './helpers.js';

const SETUP = `clock: { serial: TC1A000001 }
cloud: none
employees: [{ first: Bruno, last: Silva, badge: 1002, nonSecure: true }]
`;
const PUNCH = `name: Bruno punches
include: _shared/office.yaml
steps:
  - keys: '1002'
  - press: OK
  - expect: { screen: 'Thank you, Bruno Silva' }
`;

describe('timeclock scenario --watch', { timeout: 120_000 }, () => {
  const dir = tempDir();
  let watcher: RunningTimeclock;
  beforeAll(() => {
    dir.write('_shared/office.yaml', SETUP);
    dir.write('punch.yaml', PUNCH);
    watcher = new RunningTimeclock(['scenario', '--watch', dir.path]);
  });
  afterAll(async () => {
    await watcher.stop();
    dir.remove();
  });

  it('runs once and says what it watches', async () => {
    const out = await watcher.waitFor(/\[watch\] run 1 .*\n/);

    expect(out).toContain('✓ Bruno punches');
    expect(out).toMatch(
      /\[watch\] run 1 \(first run\): 1 passed, 0 failed, 0 bad files — watching 2 files; Ctrl-C stops/,
    );
  });

  it('runs again when an included set-up changes, naming it', async () => {
    const from = watcher.text.length;

    dir.write('_shared/office.yaml', SETUP.replace('Bruno, last: Silva', 'Bruno, last: Souza'));
    // An editor's save can be several events: the line that counts is the first after the change.
    const out = await watcher.waitFor(/\[watch\] run \d+ \(changed: .*_shared\/office\.yaml\).*\n/, from);

    expect(out).toContain('✗ Bruno punches');
    expect(out).toMatch(/\[watch\] run [2-9] \(changed: .*_shared\/office\.yaml\): 0 passed, 1 failed, 0 bad files/);
  });

  it('runs again when a scenario file is fixed, and picks up a new one in the folder', async () => {
    let from = watcher.text.length;
    dir.write('punch.yaml', PUNCH.replace('Bruno Silva', 'Bruno Souza'));
    await watcher.waitFor(/\[watch\] run \d+ \(changed: .*punch\.yaml\): 1 passed, 0 failed.*\n/, from);
    from = watcher.text.length;

    dir.write(
      'again.yaml',
      PUNCH.replace('name: Bruno punches', 'name: Bruno punches again').replace('Bruno Silva', 'Bruno Souza'),
    );
    const out = await watcher.waitFor(/\[watch\] run \d+ \(changed: .*again\.yaml\).*\n/, from);

    expect(out).toContain('✓ Bruno punches again');
    expect(out).toMatch(/\(changed: .*again\.yaml\): 2 passed, 0 failed, 0 bad files — watching 3 files/);
  });

  it('keeps watching after a bad file, and says so', async () => {
    const from = watcher.text.length;

    dir.write('again.yaml', 'name: broken\nsteps:\n  - press: OKAY\n');
    const out = await watcher.waitFor(/\[watch\] run \d+ \(changed: .*again\.yaml\).*\n/, from);

    expect(out).toContain('again.yaml:3:12 (steps[0].press): expected a key');
    expect(out).toMatch(/\(changed: .*again\.yaml\): 1 passed, 0 failed, 1 bad file — watching 3 files/);
  });
});
