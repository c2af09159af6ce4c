// The search behind `timeclock scenario generate`: walks of the scenario vocabulary run against the real
// firmware (in virtual time, as the runner runs them), guided by the machine's graph. A walk that takes a
// transition no earlier walk took is kept, cut after its last new one, and later walks grow from it.
import { CoverageRecorder, machineGraph } from './coverage.js';
import { undrivableTransitions } from './drivable.js';
import type { GenerateSetup, Move } from './generate-moves.js';
import { scenarioFromObject } from './load.js';
import { seededRandom, type Random } from './random.js';
import { SnapshotStore } from './snapshots.js';
import { runStep } from './steps.js';
import { World } from './world.js';

/** One step of a kept walk, with the screen it left (the expectations written after it). */
export interface WalkedStep {
  step: Record<string, unknown>;
  screen: string;
  lines: string[];
}

export interface FoundPath {
  setup: GenerateSetup;
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
  const random = seededRandom(options.seed ?? 1);
  const graph = machineGraph();
  const undrivable = undrivableTransitions(graph);
  const wanted = new Set(graph.transitions.map((t) => t.id).filter((id) => !undrivable.has(id)));
  const taken = new Set<string>();
  const corpus: Seed[] = setups.map((setup) => ({ setup, moves: [], screens: [] }));
  const paths: FoundPath[] = [];
  const maxWalks = options.maxWalks ?? 3000;
  const patience = options.patience ?? 800;
  /** `setup screen` pairs some kept walk stands on: a walk reaching a new one is kept as a start. */
  const standing = new Set<string>();
  let walks = 0;
  let idle = 0;
  while (walks < maxWalks && idle < patience && [...wanted].some((id) => !taken.has(id))) {
    walks++;
    // Set-ups take turns, so that one that reaches much early does not crowd out the others.
    const setup = setups[walks % setups.length]!;
    const own = corpus.filter((seed) => seed.setup === setup);
    const target = pickOne(
      graph.transitions.filter((t) => wanted.has(t.id) && !taken.has(t.id)),
      random,
    );
    const parent = pick(own, random, target.source);
    // The first move is one that makes the event the target waits for; a few random ones may follow.
    const fitting = setup.moves.filter((move) => makesEvent(move, target.event));
    const first = pickOne(fitting.length > 0 && random() < 0.8 ? fitting : setup.moves, random);
    const extra = [first, ...Array.from({ length: Math.floor(random() * 3) }, () => pickOne(setup.moves, random))];
    const walk = await runWalk(parent.setup, [...parent.moves, ...extra], taken);
    const firstOn = walk.screens.findIndex((screen) => !standing.has(`${parent.setup.name} ${screen}`));
    if (firstOn >= 0) {
      standing.add(`${parent.setup.name} ${walk.screens[firstOn]!}`);
      corpus.push({
        setup: parent.setup,
        moves: walk.moves.slice(0, firstOn + 1),
        screens: walk.screens.slice(0, firstOn + 1),
      });
    }
    if (walk.lastNew < 0) {
      idle++;
      continue;
    }
    idle = 0;
    const kept = walk.moves.slice(0, walk.lastNew + 1);
    for (const id of walk.fresh) taken.add(id);
    corpus.push({ setup: parent.setup, moves: kept, screens: walk.screens.slice(0, kept.length) });
    paths.push({ setup: parent.setup, steps: walk.steps.slice(0, walk.stepsAt[walk.lastNew]), reached: walk.fresh });
  }
  return { paths, missed: [...wanted].filter((id) => !taken.has(id)), walks };
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

/** The steps that make each event of the machine; timers and eventless transitions follow any step. */
const STEPS_OF_EVENT: Readonly<Record<string, readonly string[]>> = {
  'keypad.key': ['press', 'keys', 'menu'],
  'finger.placed': ['finger'],
  'card.tapped': ['card'],
  'link.up': ['network'],
  'link.down': ['network'],
  'cloud.up': ['cloud', 'sync'],
  'cloud.down': ['cloud'],
  'attention.lapsed': ['advance'],
  'attention.gone': ['advance'],
};

function makesEvent(move: Move, event: string): boolean {
  const kinds = event.startsWith('after ') ? ['advance'] : STEPS_OF_EVENT[event];
  return kinds === undefined || move.some((step) => Object.keys(step).some((k) => kinds.includes(k)));
}

function pickOne<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Runs the moves from a fresh world; which move last took a transition not in `taken`. */
async function runWalk(setup: GenerateSetup, moves: Move[], taken: ReadonlySet<string>) {
  // A copy: moves share objects, which a YAML document would turn into aliases.
  const stepsOf = JSON.parse(JSON.stringify(moves.flat())) as unknown[];
  const scenario = scenarioFromObject({ name: 'generated walk', ...setup.fields, steps: stepsOf });
  const coverage = new CoverageRecorder();
  const world = new World(scenario, { seed: 1, coverage });
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
        steps.push({ step: move[i]!, screen: frame.screen, lines: frame.lines });
      }
      stepsAt.push(steps.length);
      screens.push(`clock.screen.${world.clock(context.on).frame().screen}`);
      const news = Object.keys(coverage.data().transitions).filter((id) => !taken.has(id) && !fresh.includes(id));
      if (news.length > 0) {
        fresh.push(...news);
        lastNew = m;
      }
    }
  } finally {
    await world.close();
  }
  return { moves, steps, stepsAt, screens, fresh, lastNew };
}
