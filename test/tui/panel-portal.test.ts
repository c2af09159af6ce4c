// The panel's portal rows (the address whole, the first SysAdmin and where the password is kept) and the
// cloud switch, which says why it cannot act while the network is unplugged instead of doing nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { portalText } from '../../src/tui/index.js';
import { attributes, cellOf, openHarness, type Harness } from './harness.js';

const PASSWORD_FILE = '/home/someone/.local/share/timeclock-sim/portal-password.txt';

describe('the portal on the panel', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('shows the portal address whole at 80×24, where the status line used to cut it', async () => {
    h = await openHarness({ columns: 80, rows: 24, portal: { url: 'http://127.0.0.1:43289/' } });

    expect(h.tui.text()).toContain('Portal   http://127.0.0.1:43289/');
  });

  it('gives the command that prints the first SysAdmin’s password, not the password', async () => {
    h = await openHarness({
      columns: 120,
      rows: 30,
      portal: {
        url: 'http://127.0.0.1:8081/',
        firstAccount: { username: 'admin', password: 's3cret', file: PASSWORD_FILE },
      },
    });

    const text = h.tui.text();
    expect(text).toContain('Sign in  admin, password:');
    expect(text).toContain(`cat ${PASSWORD_FILE}`);
    expect(text).not.toContain('s3cret');
  });

  it('says the password itself for a cloud in memory, which keeps no file', async () => {
    h = await openHarness({
      portal: {
        url: 'http://127.0.0.1:8081/',
        firstAccount: { username: 'admin', password: 's3cret', file: undefined },
      },
    });

    expect(h.tui.text()).toContain('Sign in  admin / s3cret');
  });

  it('shows nothing of a portal when there is none (an external cloud, or none)', async () => {
    h = await openHarness({ cloud: 'none' });

    expect(h.tui.text()).not.toContain('Portal');
  });
});

describe('portalText', () => {
  it('puts a path longer than the row on rows of its own, every character kept', () => {
    const lines = portalText(
      { url: 'http://127.0.0.1:8081/', firstAccount: { username: 'admin', password: 'x', file: PASSWORD_FILE } },
      40,
    );

    expect(lines[0]).toBe('Portal   http://127.0.0.1:8081/');
    expect(lines[1]).toBe('Sign in  admin, password:');
    expect(lines.slice(2).join('')).toBe(`cat ${PASSWORD_FILE}`);
    expect(lines.every((line) => line.length <= 40)).toBe(true);
  });
});

describe('the cloud switch while the network is unplugged', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('offers plugging the network first, drawn unlike a working button', async () => {
    h = await openHarness();
    const working = cellOf(h.tui, 'Break cloud');
    const before = attributes(h.tui)[working.y]![working.x];

    h.type('n');

    const blocked = cellOf(h.tui, 'Cloud: plug the network first');
    expect(h.tui.text()).not.toContain('Break cloud');
    expect(attributes(h.tui)[blocked.y]![blocked.x]).not.toBe(before);
  });

  it('says in the log why s does nothing, and leaves the cloud as it was', async () => {
    h = await openHarness();
    h.type('n');

    h.type('s');

    expect(h.logs.recent()).toContain('panel: the network is unplugged: plug it in first (n)');
    expect(h.tui.deviceText().split('\n')[0]).toMatch(/⇄x ☁x$/);
  });

  it('breaks the cloud with s once the network is plugged in again', async () => {
    h = await openHarness();
    h.type('n', 'n');
    await h.cloud.whenIdle();

    h.type('s');
    await expect(h.cloud.whenIdle()).rejects.toThrow(/cut off/);

    expect(h.tui.deviceText().split('\n')[0]).toMatch(/⇄ {2}☁•$/);
    expect(h.tui.text()).toContain('Restore cloud');
  });
});
