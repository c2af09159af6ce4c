// Golden text of the idle screen: what every UI, scenario and snapshot reads from the screen frame.
import { describe, expect, it } from 'vitest';
import { frameText, type ClockEvent } from '../../firmware/index.js';
import { frameAfterEvents } from '../fixtures/machine-frame.js';
import { BIOMETRIC } from '../fixtures/screen-model.js';

/** The idle screen at 07:58 on Wednesday 25 November 2026, after the given events. */
function idleText(...events: ClockEvent[]): string {
  return frameText(frameAfterEvents(...events), BIOMETRIC.screen.columns);
}

describe('the idle screen', () => {
  it('shows the menu icon, the time, the date, the punch rule and the ways to punch, cloud icon marked offline', () => {
    expect(idleText()).toMatchInlineSnapshot(`
      "≡ 07:58                    ⇄  ☁•

        07:58
        Wed 2026-11-25

        In / Out (auto)

      Enter ID, finger or card"
    `);
  });

  it('shows both online icons unmarked when the link and the cloud are up', () => {
    expect(idleText({ type: 'cloud.up' }).split('\n')[0]).toMatchInlineSnapshot(`"≡ 07:58                    ⇄  ☁ "`);
  });

  it('shows the label of the state key pressed instead of the rule', () => {
    expect(idleText({ type: 'keypad.key', key: 'F3' }).split('\n')[5]).toBe('  Break Out');
  });
});
