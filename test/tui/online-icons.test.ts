// The two online icons at the top right, as the real link drives them (the embedded cloud on loopback
// HTTP), and the panel's switches that unplug the network and cut the line: the marks of the support article.
import { afterEach, describe, expect, it } from 'vitest';
import { openHarness, statusBar, type Harness } from './harness.js';

describe('the online icons', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('show a red dot on the cloud at power on, until the cloud answers the first handshake', async () => {
    h = await openHarness({ atPowerOn: true });
    const atPowerOn = statusBar(h.tui);

    await h.cloud.whenIdle();

    expect(atPowerOn).toMatch(/⇄ {2}☁•$/);
    expect(statusBar(h.tui)).toMatch(/⇄ {2}☁$/);
    expect(h.tui.text()).toMatch(/Cloud {4}embedded .*: answering/);
  });

  it('both show an X when the network is unplugged with n, and the panel says so', async () => {
    h = await openHarness();

    h.type('n');

    expect(statusBar(h.tui)).toMatch(/⇄x ☁x$/);
    expect(h.tui.text()).toContain('Network  unplugged');
    expect(h.tui.text()).toContain('n Plug network');
  });

  it('lose the X when the network is plugged back in, and the red dot once the cloud answers again', async () => {
    h = await openHarness();

    h.type('n', 'n');
    const pluggedIn = statusBar(h.tui);
    await h.cloud.whenIdle();

    expect(pluggedIn).toMatch(/⇄ {2}☁•$/);
    expect(statusBar(h.tui)).toMatch(/⇄ {2}☁$/);
    expect(h.tui.text()).toContain('Network  plugged in');
  });

  it('show the red dot once s cuts the line to the cloud, and no mark once s restores it', async () => {
    h = await openHarness();

    h.type('s');
    await expect(h.cloud.whenIdle()).rejects.toThrow(/cut off/);
    const cut = statusBar(h.tui);
    const cutText = h.tui.text();
    h.type('s');
    await h.cloud.whenIdle();

    expect(cut).toMatch(/⇄ {2}☁•$/);
    expect(cutText).toContain('cut off (simulator)');
    expect(cutText).toContain('s Restore cloud');
    expect(statusBar(h.tui)).toMatch(/⇄ {2}☁$/);
    expect(h.tui.text()).toContain('s Break cloud');
  });

  it('show the red dot when the embedded cloud stops answering, and say why on the panel', async () => {
    h = await openHarness();

    await h.cloud.cloud!.goAway();
    await expect(h.cloud.whenIdle()).rejects.toThrow();

    expect(statusBar(h.tui)).toMatch(/⇄ {2}☁•$/);
    expect(h.tui.text()).not.toContain(': answering');
    expect(h.tui.text()).toContain('s Restore cloud');
  });

  it('say the same in ASCII on a terminal without UTF-8', async () => {
    h = await openHarness({ unicode: false });

    h.type('n');

    expect(statusBar(h.tui)).toMatch(/Nx Cx$/);
  });
});
