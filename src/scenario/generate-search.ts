// The search behind `timeclock scenario generate`: walks of the scenario vocabulary run against the real
// firmware (in virtual time, as the runner runs them), guided by the machine's graph. A walk that takes a
// transition no earlier walk took is kept, cut after its last new one, and later walks grow from it.
import { CoverageRecorder, machineGraph, type MachineTransition } from './coverage.js';
import { stepsMaking, undrivableTransitions } from './drivable.js';
import type { GenerateSetup, Move } from './generate-moves.js';
import { scenarioFromObject } from './load.js';
import { seededRandom, type Random } from './random.js';
import { SnapshotStore } from './snapshots.js';
import { runStep } from './steps.js';
import { World } from './world.js';
import { createLogger, type Logger } from '../log.js';

/** One step of a kept walk, with the screen it left (the expectations written after it). */
export interface WalkedStep {
  step: Record<string, unknown>;
  screen: string;
  lines: string[];
  /** Transition ids this step was the first to take. */
  takes: string[];
}

export interface FoundPath {
  setup: GenerateSetup;
  /** The plan's title, when the path was planned (generate-plans.ts) rather than found by a walk. */
  title?: string;
  steps: WalkedStep[];
  /** Transition ids this path was the first to take. */
  reached: string[];
}

export interface SearchResult {
  paths: FoundPath[];
  /** Drivable transitions no walk took within the budget. */
  missed: string[];
  walks: number;
}

export interface SearchOptions {
  seed?: number;
  /** Walks tried before giving up on the transitions still missed. */
  maxWalks?: number;
  /** Walks in a row without a new transition after which the search ends. */
  patience?: number;
}

interface Seed {
  setup: GenerateSetup;
  moves: Move[];
  /** The machine's screen state id after each move, e.g. `clock.screen.menu.users`. */
  screens: string[];
}

export async function searchPaths(
  setups: readonly GenerateSetup[],
  options: SearchOptions = {},
): Promise<SearchResult> {
  const search = new Search(setups);
  // Planned paths first: each reaches what its guard's set-up opens, and later walks may grow from it.
  for (const setup of setups) for (const plan of setup.plans) await search.try(setup, plan.moves, plan.title);
  await search.sweep(options.maxWalks ?? 3000);
  await search.wander(seededRandom(options.seed ?? 1), options.maxWalks ?? 3000, options.patience ?? 800);
  return { paths: search.paths, missed: search.missed().map((t) => t.id), walks: search.walks };
}

class Search {
  readonly paths: FoundPath[] = [];
  walks = 0;
  private readonly graph = machineGraph();
  private readonly wanted: Set<string>;
  private readonly taken = new Set<string>();
  private readonly corpus: Seed[];
  /** `setup screen` pairs some kept walk stands on: a walk reaching a new one is kept as a start. */
  private readonly standing = new Set<string>();

  constructor(private readonly setups: readonly GenerateSetup[]) {
    const undrivable = undrivableTransitions(this.graph);
    this.wanted = new Set(this.graph.transitions.map((t) => t.id).filter((id) => !undrivable.has(id)));
    this.corpus = setups.map((setup) => ({ setup, moves: [], screens: [] }));
  }

  missed(): MachineTransition[] {
    return this.graph.transitions.filter((t) => this.wanted.has(t.id) && !this.taken.has(t.id));
  }

  /** Runs a walk from a fresh clock; keeps it (cut after its last new transition) when it took one. */
  async try(setup: GenerateSetup, moves: Move[], title?: string): Promise<boolean> {
    this.walks++;
    const walk = await runWalk(setup, moves, this.taken);
    const firstOn = walk.screens.findIndex((screen) => !this.standing.has(`${setup.name} ${screen}`));
    if (firstOn >= 0) {
      this.standing.add(`${setup.name} ${walk.screens[firstOn]!}`);
      const cut = firstOn + 1;
      this.corpus.push({ setup, moves: walk.moves.slice(0, cut), screens: walk.screens.slice(0, cut) });
    }
    if (walk.lastNew < 0) return false;
    // A plan is a story told to its end; a walk ends with the last move that took something new.
    if (title !== undefined) walk.lastNew = walk.stepsAt.length - 1;
    const kept = walk.moves.slice(0, walk.lastNew + 1);
    for (const id of walk.fresh) this.taken.add(id);
    this.corpus.push({ setup, moves: kept, screens: walk.screens.slice(0, kept.length) });
    const steps = walk.steps.slice(0, walk.stepsAt[walk.lastNew]);
    this.paths.push({ setup, ...(title === undefined ? {} : { title }), steps, reached: walk.fresh });
    return true;
  }

  /**
   * Breadth first through the graph: for each missed transition, from the first walk of each set-up that
   * stands on its source state, every move that makes its event, once; again while a round finds more.
   */
  async sweep(maxWalks: number): Promise<void> {
    for (let found = true; found && this.walks < maxWalks;) {
      found = false;
      for (const target of this.missed()) {
        for (const seed of this.standingOn(target.source)) {
          for (const move of seed.setup.moves.filter((m) => makesEvent(m, target.event))) {
            if (this.taken.has(target.id) || this.walks >= maxWalks) break;
            if (await this.try(seed.setup, [...seed.moves, move])) found = true;
          }
        }
      }
    }
  }

  /** The first kept walk of each set-up cut where its screen was `source`. */
  private standingOn(source: string): Seed[] {
    return this.setups.flatMap((setup) => {
      for (const seed of this.corpus) {
        const i = seed.setup === setup ? seed.screens.indexOf(source) : -1;
        if (i >= 0) return [{ ...seed, moves: seed.moves.slice(0, i + 1), screens: seed.screens.slice(0, i + 1) }];
      }
      return [];
    });
  }

  /** Random walks for what is left (guards that need more than one move from where a walk stands). */
  async wander(random: Random, maxWalks: number, patience: number): Promise<void> {
    for (let idle = 0; this.walks < maxWalks && idle < patience && this.missed().length > 0;) {
      // Set-ups take turns, so that one that reaches much early does not crowd out the others.
      const setup = this.setups[this.walks % this.setups.length]!;
      const target = pickOne(this.missed(), random);
      const parent = pick(
        this.corpus.filter((seed) => seed.setup === setup),
        random,
        target.source,
      );
      // The first move is one that makes the event the target waits for; a few random ones may follow.
      const fitting = setup.moves.filter((move) => makesEvent(move, target.event));
      const first = pickOne(fitting.length > 0 && random() < 0.8 ? fitting : setup.moves, random);
      const extra = [first, ...Array.from({ length: Math.floor(random() * 3) }, () => pickOne(setup.moves, random))];
      idle = (await this.try(parent.setup, [...parent.moves, ...extra])) ? 0 : idle + 1;
    }
  }
}

/**
 * Guided by the graph: most walks start where a missed transition leaves from (a kept walk cut where its
 * screen was that transition's source state); the others grow from any kept walk.
 */
function pick(corpus: readonly Seed[], random: Random, source: string): Seed {
  const there = corpus.flatMap((seed) =>
    seed.screens.flatMap((screen, i) => (screen === source ? [{ ...seed, moves: seed.moves.slice(0, i + 1) }] : [])),
  );
  if (there.length > 0 && random() < 0.8) return pickOne(there, random);
  return pickOne(corpus, random);
}

function makesEvent(move: Move, event: string): boolean {
  const kinds = stepsMaking(event);
  if (kinds === undefined || kinds === 'any') return true;
  return move.some((step) => Object.keys(step).some((k) => kinds.includes(k)));
}

function pickOne<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)]!;
}

interface Walk {
  moves: Move[];
  steps: WalkedStep[];
  /** After each move: how many steps had run. */
  stepsAt: number[];
  screens: string[];
  /** Transitions not in `taken` that the walk took, in order. */
  fresh: string[];
  /** The last move that took one of them; -1 when none did. */
  lastNew: number;
}

/** The walks' one logger, silent: a walk checks no log, so none is kept (made once, not per walk). */
let quiet: Logger | undefined;

/** Runs the moves from a fresh world; which move last took a transition not in `taken`. */
async function runWalk(setup: GenerateSetup, moves: Move[], taken: ReadonlySet<string>): Promise<Walk> {
  // A copy: moves share objects, which a YAML document would turn into aliases.
  const stepsOf = JSON.parse(JSON.stringify(moves.flat())) as unknown[];
  const scenario = scenarioFromObject({ name: 'generated walk', ...setup.fields, steps: stepsOf });
  const coverage = new CoverageRecorder();
  const world = new World(scenario, { seed: 1, coverage, logger: (quiet ??= createLogger({ level: 'silent' })) });
  const context = {
    world,
    on: scenario.clocks[0]!.serial,
    snapshots: new SnapshotStore(undefined, false),
    snapshotKey: (n: string) => n,
  };
  const steps: WalkedStep[] = [];
  const stepsAt: number[] = [];
  const screens: string[] = [];
  const fresh: string[] = [];
  let lastNew = -1;
  try {
    let index = 0;
    for (const [m, move] of moves.entries()) {
      for (let i = 0; i < move.length; i++, index++) {
        const problem = await runStep(world, scenario.steps[index]!, context);
        // A step the firmware refuses to take (a wait that timed out) ends the walk where it stands.
        if (problem) return { moves, steps, stepsAt, screens, fresh, lastNew };
        const frame = world.clock(context.on).frame();
        const takes = Object.keys(coverage.data().transitions).filter((id) => !taken.has(id) && !fresh.includes(id));
        steps.push({ step: move[i]!, screen: frame.screen, lines: frame.lines, takes });
        fresh.push(...takes);
        if (takes.length > 0) lastNew = m;
      }
      stepsAt.push(steps.length);
      screens.push(`clock.screen.${world.clock(context.on).frame().screen}`);
    }
  } finally {
    await world.close();
  }
  return { moves, steps, stepsAt, screens, fresh, lastNew };
}
