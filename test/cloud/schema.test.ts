// The cloud database's schema is the one that shipped: migration 1's TypeScript was split into named steps,
// and a shipped migration's SQL and order may not change. The fixture is the schema main's migrations made
// before the split, up to migration 8 (test/cloud/fixtures/cloud-schema.json, dumped by schema-dump.ts with `now`
// at 1_764_000_000_000). A new migration's objects are added to it by a dump of the code before the change.
// Migration 8 made the day table's triggers again (a narrower packing): schema 7 as shipped, which the test of
// migration 8 starts from, is kept in fixtures/cloud-schema-7.json.
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openCloudStore } from '../../src/cloud/db/index.js';
import { makeTempDir, type TempDir } from '../fixtures/temp-dir.js';
import { dumpSchema, type SchemaDump } from './schema-dump.js';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));
const shipped = JSON.parse(
  fs.readFileSync(new URL('./fixtures/cloud-schema.json', import.meta.url), 'utf8'),
) as SchemaDump;

let temp: TempDir | undefined;
afterEach(() => temp?.remove());

describe('the cloud database’s schema after every migration', () => {
  it('is, statement for statement and in the same order, the schema the shipped migrations made', () => {
    temp = makeTempDir('timeclock-schema-');
    const file = temp.file('cloud.db');
    openCloudStore(file, 1_764_000_000_000).close();
    expect(dumpSchema(file)).toEqual(shipped);
  });

  it('is the shipped one in a file that `timeclock cloud --data` created', () => {
    temp = makeTempDir('timeclock-schema-');
    const file = temp.file('cloud.db');
    execFileSync(process.execPath, [BIN, 'cloud', '--data', file, 'accounts', 'list'], { stdio: 'pipe' });
    const made = dumpSchema(file);
    expect({ ...made, sequences: [] }).toEqual({ ...shipped, sequences: [] });
    // The command ids start at the database's creation time, which the CLI takes from the wall clock.
    expect(made.sequences.map((s) => s.name)).toEqual(['commands']);
  });
});
