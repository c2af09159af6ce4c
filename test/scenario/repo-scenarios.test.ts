// Every scenario in scripts/scenarios passes: the support article's flows and one per verify mode
// family. A failure prints the runner's own report (step, expected/actual, screen, log).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverScenarioFiles, runScenarioFile } from '../../src/scenario/index.js';

const DIR = path.resolve(import.meta.dirname, '../../scripts/scenarios');
const files = discoverScenarioFiles([DIR]);

describe('the scenarios of scripts/scenarios', () => {
  it('include the support article’s flows and every verify mode family', () => {
    const names = files.map((f) => path.basename(f, '.yaml'));

    expect(names).toEqual(
      expect.arrayContaining([
        'article-secure-unknown-user',
        'article-non-secure-add-remove',
        'article-offline-icons',
        'article-manager-enrolls',
        'article-admin-serial-number',
        'verify-id-only',
        'verify-password',
        'verify-fingerprint',
        'verify-card',
        'verify-multi-factor',
      ]),
    );
  });

  for (const file of files) {
    it(`${path.basename(file)} passes`, async () => {
      const result = await runScenarioFile(file);

      expect(result.error?.message).toBeUndefined();
      for (const scenario of result.scenarios) expect(scenario.message, scenario.name).toBeUndefined();
    });
  }
});
