// A bounded crash test: a real clock process on a SQLite file, killed with SIGKILL at random moments while
// it punches and uploads, then started again; nothing the screen thanked for is lost, nothing is stored or
// uploaded twice, and the store opens every time. `npm run chaos -- --trials 1000` runs the long version.
import { describe, expect, it } from 'vitest';
import { runChaos } from '../../scripts/chaos/chaos.js';

describe('a clock killed at random moments', () => {
  it('loses no thanked punch and duplicates none across eight kills', { timeout: 120_000 }, async () => {
    const result = await runChaos({ trials: 8, seed: 20261130 });
    expect(result.unopened).toBe(0);
    expect(result.acknowledged).toBeGreaterThan(0);
    expect(result.lost).toEqual([]);
    expect(result.duplicated).toEqual([]);
    expect(result.uploaded).toBe(result.stored);
  });
});
