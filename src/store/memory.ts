// The in-memory adapter of every clock port: for tests, scenarios in CI and `--store memory`.
// Same answers as the SQLite adapter (the shared contract suite holds both to it), nothing persists.
import type { ClockPorts, CommandJournal, JournalEntry, SettingsStore, UploadCursors } from '../../firmware/index.js';
import type { ClockSettings } from '../../firmware/index.js';
import { MemoryOperationLog, MemoryPunchLog } from './memory-logs.js';
import { MemoryTemplateTable, MemoryUserTable } from './memory-tables.js';
import { UndoLog } from './undo.js';

export function createMemoryPorts(): ClockPorts {
  const undo = new UndoLog();
  return {
    users: new MemoryUserTable(undo),
    templates: new MemoryTemplateTable(undo),
    punches: new MemoryPunchLog(undo),
    operations: new MemoryOperationLog(undo),
    settings: new MemorySettings(undo),
    journal: new MemoryJournal(undo),
    cursors: new MemoryCursors(undo),
    transaction: (fn) => undo.run(fn),
  };
}

class MemorySettings implements SettingsStore {
  /** Kept as JSON text, as SQLite keeps it, so both hand back the same plain data. */
  private json: string | undefined;

  constructor(private readonly undo: UndoLog) {}

  load(): ClockSettings | undefined {
    return this.json === undefined ? undefined : (JSON.parse(this.json) as ClockSettings);
  }

  save(settings: ClockSettings): void {
    const previous = this.json;
    this.json = JSON.stringify(settings);
    this.undo.record(() => (this.json = previous));
  }
}

class MemoryJournal implements CommandJournal {
  private readonly entries = new Map<string, JournalEntry>();

  constructor(private readonly undo: UndoLog) {}

  find(id: string): JournalEntry | undefined {
    const entry = this.entries.get(id);
    return entry && { ...entry, reply: [...entry.reply] };
  }

  record(entry: JournalEntry): void {
    const previous = this.entries.get(entry.id);
    this.entries.set(entry.id, { ...entry, reply: [...entry.reply] });
    this.undo.record(() => (previous ? this.entries.set(entry.id, previous) : this.entries.delete(entry.id)));
  }
}

class MemoryCursors implements UploadCursors {
  private readonly seqs = new Map<string, number>();

  constructor(private readonly undo: UndoLog) {}

  get(table: string): number {
    return this.seqs.get(table) ?? 0;
  }

  set(table: string, seq: number): void {
    const previous = this.seqs.get(table);
    this.seqs.set(table, seq);
    this.undo.record(() => (previous === undefined ? this.seqs.delete(table) : this.seqs.set(table, previous)));
  }
}
