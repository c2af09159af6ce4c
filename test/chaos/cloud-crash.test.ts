// The cloud killed, not the clock: a real `timeclock cloud` process gets SIGKILL at random moments while a
// clock process punches hundreds of times per trial and uploads, and is started again on the same file;
// nothing the clock's screen thanked for is lost or stored twice. `npm run chaos -- --cloud --trials 100`
// runs the long version.
import { describe, expect, it } from 'vitest';
import { runCloudChaos } from '../../scripts/chaos/cloud-chaos.js';

describe('a cloud killed at random moments during uploads', () => {
  it(
    'loses no thanked punch and duplicates none across three kills, 200 punches each',
    { timeout: 240_000 },
    async () => {
      const result = await runCloudChaos({ trials: 3, punchesPerTrial: 200, seed: 20261207 });

      expect(result.unopened).toBe(0);
      expect(result.acknowledged).toBeGreaterThanOrEqual(600);
      expect(result.lost).toEqual([]);
      expect(result.duplicated).toEqual([]);
      expect(result.uploaded).toBe(result.stored);
    },
  );
});
