// `npm run test:fast`: the suite without what takes minutes — the browser, 100,000-record reads,
// floods of processes and clients, crash loops, and the README run block by block and installed as a
// package. What it leaves out is listed in README.md ("Tests and checks"); `npm test` runs everything.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export const LEFT_OUT_OF_FAST = [
  // A real Chromium.
  'test/portal/browser.test.ts',
  'test/portal/*.browser.test.ts',
  'test/portal/article.e2e.test.ts',
  // 100,000 punches read over the LAN by the SDKs' own clients, each from its own process.
  'test/lan/pyzk-machine.test.ts',
  'test/lan/sdk-process.test.ts',
  // Floods: 200 control clients, LAN and cloud floods, fleets of clocks in real (scaled) time.
  'test/serial/control-fanout.test.ts',
  'test/lan/flood.test.ts',
  'test/cloud/floods.test.ts',
  'test/fleet/profiles-run.test.ts',
  'test/fleet/shards.test.ts',
  // Clocks and clouds killed with SIGKILL and started again, over and over.
  'test/chaos/**',
  'test/**/*.e2e.test.ts',
  'test/tui/e2e-tmux.test.ts',
  // The README's every block, and the packed package installed in a scratch folder.
  'test/readme/**',
];

export default mergeConfig(base, defineConfig({ test: { exclude: LEFT_OUT_OF_FAST } }));
