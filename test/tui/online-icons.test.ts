// The two online icons at the top right, driven from the panel: the marks of the support article.
import { afterEach, describe, expect, it } from 'vitest';
import { openHarness, statusBar, type Harness } from './harness.js';

describe('the online icons', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('show a red dot on the cloud while the cloud does not answer (the state at power on)', () => {
    h = openHarness();

    expect(statusBar(h.tui)).toMatch(/⇄ {2}☁•$/);
  });

  it('both show an X when the network is unplugged with n, and the panel says so', () => {
    h = openHarness();

    h.type('n');

    expect(statusBar(h.tui)).toMatch(/⇄x ☁x$/);
    expect(h.tui.text()).toContain('Network  unplugged');
    expect(h.tui.text()).toContain('n Plug network');
  });

  it('lose the X again when the network is plugged back in', () => {
    h = openHarness();

    h.type('n', 'n');

    expect(statusBar(h.tui)).toMatch(/⇄ {2}☁•$/);
    expect(h.tui.text()).toContain('Network  plugged in');
  });

  it('show no mark once the cloud is restored with s, and the red dot when it is broken again', () => {
    h = openHarness();

    h.type('s');
    const restored = statusBar(h.tui);
    h.type('s');

    expect(restored).toMatch(/⇄ {2}☁ $|⇄ {2}☁$/);
    expect(statusBar(h.tui)).toMatch(/☁•$/);
    expect(h.tui.text()).toContain('embedded: not answering');
  });

  it('say the same in ASCII on a terminal without UTF-8', () => {
    h = openHarness({ unicode: false });

    h.type('n');

    expect(statusBar(h.tui)).toMatch(/Nx Cx$/);
  });
});
