// Benchmark: a key pressed in the face page → the frame it causes drawn back in the page (target p95 ≤ 30 ms
// on loopback), with the terminal UI running in the same process (a real blessed screen on in-memory
// streams, as tui-keypress.ts); then with 100 more pages (event-stream clients, in a child process) open on
// the same clock: the p95 within 10 % of the first, and the server's memory per page.
// The face is served by its own loopback server (startFaceServer), the clock linked to the embedded cloud.
// Run: npx tsx scripts/bench/face.ts
import { spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import { PassThrough, Writable } from 'node:stream';
import { connectMemoryCloud } from '../../src/cli/cloud-link.js';
import { seedDemoCompany } from '../../src/cli/demo.js';
import { startFaceServer } from '../../src/face/index.js';
import { createLogger } from '../../src/log.js';
import { createClock } from '../../src/runtime/index.js';
import { createLogSink, createTheme, openTui } from '../../src/tui/index.js';
import { launchBrowser } from '../../test/portal/browser.js';
import { machineLine, today } from './machine.js';

const SAMPLES = 400; // 25 cycles
/** Whole cycles of the 16 keys: every sample starts from the same ID entry. */
const WARMUP = 48;
const PAGES = 100;

/**
 * In the page: keys clicked one after the other, each timed until the frame it causes is drawn. Text, not
 * a function: tsx's helpers (`__name`) do not exist in the page.
 */
const PRESS_AND_WAIT = `async (count) => {
  const keys = [...'12345678', ...Array.from({ length: 8 }, () => 'BACK')];
  const times = [];
  let missed = 0;
  const one = (key) => new Promise((resolve) => {
    const start = performance.now();
    const done = () => { clearTimeout(timer); times.push(performance.now() - start); resolve(); };
    // A frame that never comes is counted, not waited for forever.
    const timer = setTimeout(() => { document.removeEventListener('face:frame', done); missed += 1; resolve(); }, 2000);
    document.addEventListener('face:frame', done, { once: true });
    document.querySelector('.keypad [data-key="' + key + '"]').click();
  });
  for (let i = 0; i < count; i++) await one(keys[i % keys.length]);
  return { times, missed, screen: document.getElementById('screen').textContent };
}`;

async function pressAndWait(page: Page, count: number): Promise<number[]> {
  const run = (await page.evaluate(`(${PRESS_AND_WAIT})(${count})`)) as {
    times: number[];
    missed: number;
    screen: string;
  };
  if (run.missed > 0) console.error(`${run.missed} of ${count} keys brought no frame; the screen: ${run.screen}`);
  return run.times;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** 100 pages' event streams, held open by a child process: their sockets cost the server, not this count. */
function openPages(url: string, count: number): Promise<{ close: () => void }> {
  const script = `
    const http = require('node:http');
    let open = 0;
    for (let i = 0; i < ${count}; i++) {
      http.get(${JSON.stringify(`${url}/frames`)}, (res) => {
        res.once('data', () => { if (++open === ${count}) process.stdout.write('open\\n'); });
        res.on('data', () => {});
      });
    }`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve({ close: () => child.kill() }));
    child.once('exit', (code) => reject(new Error(`the pages' process exited (${code})`)));
  });
}

async function main(): Promise<void> {
  const input = new PassThrough();
  const output = Object.assign(new Writable({ write: (_c, _e, done) => done() }), { columns: 100, rows: 30 });
  const logs = createLogSink();
  const logger = createLogger({ destination: logs });
  const clock = createClock({ time: { virtual: '2026-11-25T07:58:00' }, logger });
  seedDemoCompany(clock);
  const link = await connectMemoryCloud(clock, logger);
  // Started before the terminal UI, as `timeclock run` mounts the face before it launches the UI.
  const face = await startFaceServer({ clock, cloud: () => link.control }, { port: 0, logger });
  const tui = openTui({
    clock,
    cloud: link.control,
    logs,
    place: 'in memory',
    input,
    output,
    choice: { terminal: 'xterm', theme: createTheme(true, true) },
  });
  await link.whenIdle();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(face.url);
    await page.waitForFunction(() => document.getElementById('screen')?.dataset['frames'] !== undefined);
    await pressAndWait(page, WARMUP);
    const alone = await pressAndWait(page, SAMPLES);

    global.gc?.();
    const before = process.memoryUsage();
    const pages = await openPages(face.url, PAGES);
    global.gc?.();
    const after = process.memoryUsage();
    const crowded = await pressAndWait(page, SAMPLES);
    pages.close();

    const p95 = [percentile(alone, 95), percentile(crowded, 95)] as const;
    const perPage = (key: 'rss' | 'heapUsed') => ((after[key] - before[key]) / PAGES / 1024).toFixed(1);
    console.log(`face key → frame in the page (${today()}; ${machineLine()}; terminal UI in the same process)`);
    console.log(`  1 page:      p50 ${percentile(alone, 50).toFixed(2)} ms, p95 ${p95[0].toFixed(2)} ms (target ≤ 30)`);
    console.log(
      `  +${PAGES} pages: p50 ${percentile(crowded, 50).toFixed(2)} ms, p95 ${p95[1].toFixed(2)} ms ` +
        `(${(((p95[1] - p95[0]) / p95[0]) * 100).toFixed(1)} %; target within 10 %)`,
    );
    console.log(`  memory per page (server): RSS ${perPage('rss')} KiB, heap ${perPage('heapUsed')} KiB`);
  } finally {
    await browser.close();
    await face.close();
    tui.destroy();
    await link.stop();
    clock.close();
    logs.close();
  }
}

await main();
