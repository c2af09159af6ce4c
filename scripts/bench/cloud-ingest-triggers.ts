// What the timesheets' day table costs a stored punch: the cloud's own store on a database file (WAL, as
// the cloud runs), punches of 200 known employees added the way uploads add them (one transaction per
// upload, the upload's cursor moved in it), with the punch_days triggers as the migrations made them and,
// on a second file, with those triggers dropped by another connection (their SQL is not touched here).
// Realtime uploads carry one punch each; a backlog carries many, so both are measured. In-process.
// Run: npx tsx scripts/bench/cloud-ingest-triggers.ts [punches per run] [runs]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openCloudStore, type CloudStore } from '../../src/cloud/index.js';
import type { AttlogRecord } from '../../src/protocol/index.js';
import { machineLine, today } from './machine.js';

const PUNCHES = Number(process.argv[2] ?? 4_000);
const RUNS = Number(process.argv[3] ?? 5);
const EMPLOYEES = 200;
const SN = 'TC1A000001';
const START = Date.UTC(2026, 10, 25, 5);

/** A store on a fresh file with the employees and the clock; `bare`: the punch_days triggers dropped. */
function storeOn(dir: string, bare: boolean): CloudStore {
  const file = path.join(dir, `${bare ? 'bare' : 'triggers'}-${Math.random().toString(36).slice(2)}.db`);
  const store = openCloudStore(file, START);
  store.clocks.register(SN, SN, START);
  for (let i = 0; i < EMPLOYEES; i++) {
    const badge = String(2000 + i);
    store.employees.put({
      employeeId: badge,
      firstName: 'Employee',
      lastName: String(i),
      badge,
      nonSecure: true,
      role: 'user',
      clocks: [SN],
      card: '',
      password: '',
      templates: [],
    });
  }
  if (bare) {
    const other = new Database(file);
    const names = other
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'punch_days_punch_%'")
      .pluck()
      .all() as string[];
    for (const name of names) other.exec(`DROP TRIGGER ${name}`);
    other.close();
  }
  return store;
}

/** The day's punches: each employee in turn, a minute apart, so each is the last of its employee's day. */
function punches(count: number, from: number): AttlogRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    pin: String(2000 + (i % EMPLOYEES)),
    time: START + (from + i) * 60_000,
    status: i % 4,
    verify: 1,
    workCode: '0',
  }));
}

/**
 * µs per punch, adding `total` punches `perUpload` at a time, each upload one transaction with its stamp;
 * `stampApart`: the stamp in a commit of its own after it, as the cloud did before (issue 22).
 */
function measure(store: CloudStore, total: number, perUpload: number, from: number, stampApart = false): number {
  const records = punches(total, from);
  const started = process.hrtime.bigint();
  for (let i = 0; i < total; i += perUpload) {
    const upload = records.slice(i, i + perUpload);
    const stamp = String(from + i + upload.length);
    store.transaction(() => {
      const added = store.punches.add(SN, upload, START);
      if (added !== upload.length) throw new Error(`stored ${added} of ${upload.length}`);
      if (!stampApart) store.clocks.setStamp(SN, 'attlog', stamp);
    });
    if (stampApart) store.clocks.setStamp(SN, 'attlog', stamp);
  }
  return Number(process.hrtime.bigint() - started) / 1_000 / total;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-triggers-'));
try {
  console.log(`Punch ingest with and without the day table's triggers, ${today()}, ${machineLine()}`);
  console.log(
    `${PUNCHES.toLocaleString('en-US')} punches a run, best and median of ${RUNS} runs, in-process, file store (WAL)`,
  );
  console.log(
    '| upload | µs/punch, triggers (best) | median | no triggers (best) | median | triggers add (best) | ' +
      'stamp in its own commit (best) | median |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const perUpload of [1, 500]) {
    const stores = { triggers: storeOn(dir, false), bare: storeOn(dir, true), apart: storeOn(dir, false) };
    const times: Record<keyof typeof stores, number[]> = { triggers: [], bare: [], apart: [] };
    // Alternately, so that a busy machine's moments fall on both; the first round warms up and is dropped.
    for (let run = 0; run <= RUNS; run++) {
      for (const kind of ['triggers', 'bare', 'apart'] as const) {
        const us = measure(stores[kind], PUNCHES, perUpload, run * PUNCHES, kind === 'apart');
        if (run > 0) times[kind].push(us);
      }
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const [t, b, a] = [sorted(times.triggers), sorted(times.bare), sorted(times.apart)];
    const mid = Math.floor((RUNS - 1) / 2);
    const f = (us: number) => us.toFixed(1);
    console.log(
      `| ${perUpload === 1 ? '1 punch (realtime)' : `${perUpload} punches (backlog)`} | ${f(t[0]!)} | ${f(t[mid]!)} | ` +
        `${f(b[0]!)} | ${f(b[mid]!)} | ${f(t[0]! - b[0]!)} | ${f(a[0]!)} | ${f(a[mid]!)} |`,
    );
    for (const store of Object.values(stores)) store.close();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
