// Store files written by older schemas — before migration 4 (punches with AUTOINCREMENT and two indexes)
// and before migration 5 (one (pin, time) index) — at the model's size, opened by `timeclock run` in its
// own process as a user upgrading would: the file is migrated in place, every punch kept as it was, the
// punch table left with no index, and a new punch takes the seq after the old ones.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { newUser } from '../../firmware/users.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { closeAfterEach } from '../fixtures/after-each.js';
import { ClockProcess } from '../fixtures/clock-process.js';
import { writeOldStore } from '../fixtures/old-store.js';
import { tempDirForTest } from '../fixtures/temp-dir.js';

/** The biometric model holds 100,000: one short, so that the upgraded clock still takes a punch. */
const OLD_PUNCHES = 99_999;
/** Punched and cleared before: AUTOINCREMENT's counter is this far above the largest seq kept. */
const CLEARED = 25;

/** Ana Old, who types her ID to punch, as an older schema holds a user. */
function insertAna(raw: Database.Database): void {
  const u = newUser('1001', { name: 'Ana Old', verifyMode: 0 });
  raw
    .prepare(
      `INSERT INTO users (pin, name, name_folded, privilege, password, card, grp, time_zones, verify_mode, uid)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    )
    .run(u.pin, u.name, u.name.toLowerCase(), u.privilege, u.password, u.card, u.group, u.timeZones, u.verifyMode);
}

/** Older than the run's virtual day, so the duplicate window does not refuse the new punch. */
const START = Date.UTC(2026, 0, 1);

function writeSchema3Store(file: string): void {
  writeOldStore(file, 3, (raw) => {
    insertAna(raw);
    const punch = raw.prepare('INSERT INTO punches (pin, time, state, verify, work_code) VALUES (?, ?, ?, 0, 0)');
    for (let i = 0; i < CLEARED; i++) punch.run('1001', i, 0);
    raw.exec('DELETE FROM punches');
    for (let i = 0; i < OLD_PUNCHES; i++) punch.run(String(2000 + (i % 300)), START + i * 60_000, i % 2);
  });
}

/** Schema 4: punches keyed by seq with one (pin, time) index; Ana among those who punched. */
function writeSchema4Store(file: string): void {
  writeOldStore(file, 4, (raw) => {
    insertAna(raw);
    const punch = raw.prepare(
      'INSERT INTO punches (seq, pin, time, state, verify, work_code) VALUES (?, ?, ?, ?, 0, 0)',
    );
    for (let i = 0; i < OLD_PUNCHES; i++) punch.run(i + 1, String(1001 + (i % 300)), START + i * 60_000, i % 2);
  });
}

/** The file's schema version and the indexes on its punch table. */
function schemaOf(file: string): { version: unknown; indexes: unknown[] } {
  const raw = new Database(file, { readonly: true });
  const version = raw.pragma('user_version', { simple: true });
  const indexes = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'punches'").all();
  raw.close();
  return { version, indexes };
}

function punchesOf(file: string): { seq: number; pin: string; time: number; state: number }[] {
  const raw = new Database(file, { readonly: true });
  const rows = raw.prepare('SELECT seq, pin, time, state FROM punches ORDER BY seq').all();
  raw.close();
  return rows as { seq: number; pin: string; time: number; state: number }[];
}

describe('timeclock run on a store file of an older schema', () => {
  it.each([
    { schema: 3, write: writeSchema3Store, nextSeq: CLEARED + OLD_PUNCHES + 1 },
    { schema: 4, write: writeSchema4Store, nextSeq: OLD_PUNCHES + 1 },
  ])(
    `migrates a schema-$schema file of ${OLD_PUNCHES.toLocaleString('en')} punches in place and numbers the next after them`,
    async ({ write, nextSeq }) => {
      const dir = tempDirForTest('timeclock-upgrade-');
      const file = dir.file('clock.db');
      write(file);
      const before = punchesOf(file);

      const clock = ClockProcess.start(['--data', dir.path, '--lan', 'off', '--cloud', 'none', '--time', 'virtual']);
      closeAfterEach(() => clock.kill());
      await clock.waitFor(/Type commands/, 0, 60_000);
      await clock.send(['1001', 'ok'], /Thank you, Ana Old/);
      await clock.stop();

      const after = punchesOf(file);
      expect(schemaOf(file)).toEqual({ version: SCHEMA_VERSION, indexes: [] });
      expect(after.slice(0, -1)).toEqual(before);
      expect(after.at(-1)).toMatchObject({ seq: nextSeq, pin: '1001' });
    },
    120_000,
  );
});
