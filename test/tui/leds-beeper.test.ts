// The LEDs follow the frame; the beeper flashes once when a result appears, and stops after a moment of
// the clock's own (virtual) time.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, nextTurn, openHarness, type Harness } from './harness.js';

/** The parameters of every SGR sequence blessed wrote, e.g. ['1', '37', '44']. */
async function sgrParams(h: Harness): Promise<string[]> {
  await nextTurn(); // blessed flushes its output buffer on the next tick
  const sgr = new RegExp(`${String.fromCharCode(27)}\\[([0-9;]*)m`, 'g');
  return [...h.written().matchAll(sgr)].flatMap((m) => (m[1] ?? '').split(';'));
}

const COLOUR = /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/;

function ledRow(h: Harness): string {
  return (
    h.tui
      .text()
      .split('\n')
      .find((row) => row.includes(' OK ') && row.includes('ERR')) ?? ''
  );
}

describe('the LEDs and the beeper', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('are dark and quiet while the clock is idle', async () => {
    h = await openHarness();

    expect(ledRow(h)).toMatch(/○ OK {2}○ ERR\s+♪\s*│/);
  });

  it('light green and beep once for a punch', async () => {
    h = await openHarness();

    h.type('1002', KEYS.enter);

    expect(ledRow(h)).toMatch(/● OK {2}○ ERR\s+♪ BEEP\s/);
  });

  it('light red and beep twice for an unknown user', async () => {
    h = await openHarness();

    h.type('1001', KEYS.enter);

    expect(ledRow(h)).toMatch(/○ OK {2}● ERR\s+♪ BEEP BEEP/);
  });

  it('stop beeping after 300 ms while the result and its LED stay', async () => {
    h = await openHarness();
    h.type('1002', KEYS.enter);

    h.clock.advance(300);

    expect(ledRow(h)).not.toContain('BEEP');
    expect(ledRow(h)).toContain('● OK');
    expect(h.tui.deviceText()).toContain('Thank you, Bruno Silva');
  });

  it('say it with inverse video and ASCII, and no colour at all, on a plain terminal', async () => {
    h = await openHarness({ colors: false, unicode: false });

    h.type('1002', KEYS.enter);

    expect(ledRow(h)).toMatch(/\(\*\) OK {2}\( \) ERR\s+! BEEP/);
    const params = await sgrParams(h);
    expect(params).toContain('7');
    expect(params.filter((p) => COLOUR.test(p))).toEqual([]);
  });

  it('use colours where the terminal has them', async () => {
    h = await openHarness({ colors: true });

    h.type('1002', KEYS.enter);

    expect((await sgrParams(h)).filter((p) => COLOUR.test(p))).not.toEqual([]);
  });
});
