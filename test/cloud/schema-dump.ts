// The cloud database's schema as plain data — every table, index and trigger as sqlite_master holds it, in
// the order it was made, with the version and application id — to compare one migration run with another.
import Database from 'better-sqlite3';

export interface SchemaDump {
  userVersion: number;
  applicationId: number;
  /** sqlite_master in rowid order: the order the statements ran in. */
  objects: { type: string; name: string; table: string; sql: string | null }[];
  /** AUTOINCREMENT counters (the command ids start at the database's creation time). */
  sequences: { name: string; seq: number }[];
}

export function dumpSchema(file: string): SchemaDump {
  const db = new Database(file, { readonly: true });
  try {
    return {
      userVersion: db.pragma('user_version', { simple: true }) as number,
      applicationId: db.pragma('application_id', { simple: true }) as number,
      objects: db
        .prepare('SELECT type, name, tbl_name AS "table", sql FROM sqlite_master ORDER BY rowid')
        .all() as SchemaDump['objects'],
      sequences: db.prepare('SELECT name, seq FROM sqlite_sequence ORDER BY name').all() as SchemaDump['sequences'],
    };
  } finally {
    db.close();
  }
}
