// The golden picture of the idle clock at a fixed virtual time, at the smallest supported size, as
// `timeclock run` shows it once the embedded cloud has answered (its port and the SysAdmin's password,
// which differ at every start, masked): any change to what the terminal shows is a reviewed change.
import { afterEach, describe, expect, it } from 'vitest';
import { openHarness, type Harness } from './harness.js';

describe('the idle screen at 2026-11-25 07:58', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('draws device, panel and help line in 80×24 as in the golden file', async () => {
    h = await openHarness({ columns: 80, rows: 24 });

    await expect(`${h.stableText()}\n`).toMatchFileSnapshot('./__snapshots__/idle-80x24.txt');
  });

  it('draws the same in ASCII without colours, for a plain terminal', async () => {
    h = await openHarness({ columns: 80, rows: 24, colors: false, unicode: false });

    await expect(`${h.stableText()}\n`).toMatchFileSnapshot('./__snapshots__/idle-80x24-plain.txt');
  });
});
