// Replaying a journal: the world is rebuilt from the header, every input is fed at its virtual time,
// and the screens that follow are compared with the recorded ones. The first difference stops it.
import type { ClockState, Journal, JournalEntry } from './journal.js';
import { readJournal } from './journal.js';
import type { WorldSetup } from './journal.js';
import { World } from './world.js';

export interface ReplayMismatch {
  /** Line of the journal whose screens differ. */
  line: number;
  entry: JournalEntry;
  serial: string;
  expected: string;
  actual: string;
}

export interface ReplayResult {
  ok: boolean;
  inputs: number;
  virtualMs: number;
  mismatch?: ReplayMismatch;
}

/** One replayed input and a screen it left, for a reader who follows the replay screen by screen. */
export interface ReplayStep {
  entry: JournalEntry;
  serial: string;
  screen: string;
}

export interface ReplayOptions {
  /** Told each screen after each input, matched or not, before the comparison stops at a difference. */
  onStep?: (step: ReplayStep) => void;
}

export async function replayJournal(file: string, options: ReplayOptions = {}): Promise<ReplayResult> {
  return replay(readJournal(file), options);
}

export async function replay(journal: Journal, options: ReplayOptions = {}): Promise<ReplayResult> {
  const { header } = journal;
  const setup = header.kind === 'scenario' ? header.setup : clockSetup(header.startUtc, header.clock);
  const world = new World(setup, { seed: header.seed });
  try {
    if (header.kind === 'clock') restoreClock(world, header.clock);
    let inputs = 0;
    for (const entry of journal.entries) {
      const wait = entry.at - world.elapsed();
      if (wait > 0) await world.advance(wait);
      await world.act(entry.on, entry.act);
      inputs++;
      for (const [serial, expected] of Object.entries(entry.frames)) {
        const actual = world.clock(serial).screenText();
        options.onStep?.({ entry, serial, screen: actual });
        if (actual !== expected) {
          return {
            ok: false,
            inputs,
            virtualMs: world.elapsed(),
            mismatch: { line: entry.line, entry, serial, expected, actual },
          };
        }
      }
    }
    return { ok: true, inputs, virtualMs: world.elapsed() };
  } finally {
    await world.close();
  }
}

/** A recorded `timeclock run` session: one clock, no cloud (the journal holds what the cloud did), its tables as they were. */
function clockSetup(startUtc: number, clock: ClockState): WorldSetup {
  const at = { file: '(journal)', path: '' };
  return {
    name: `recorded session of ${clock.serial}`,
    file: '(journal)',
    index: 0,
    startUtc,
    clocks: [{ serial: clock.serial, device: clock.device, timeZoneMinutes: clock.settings.timeZoneMinutes, at }],
    cloud: { kind: 'none' },
    employees: [],
    at,
  };
}

function restoreClock(world: World, state: ClockState): void {
  const clock = world.clock(state.serial);
  const { ports } = clock;
  ports.transaction(() => {
    for (const user of state.users) ports.users.put(user);
    for (const template of state.templates) ports.templates.put(template);
    for (const { seq: _seq, ...punch } of state.punches) ports.punches.append(punch);
  });
  clock.send({ type: 'settings.changed', settings: state.settings });
  if (state.link === 'down') clock.setLink(false);
  if (state.cloud === 'up') clock.setCloud(true);
}
