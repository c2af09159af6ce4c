// Which transitions of the firmware's machine a scenario can drive, and why the others cannot: read from
// the graph (the event a transition waits for, the state it leaves) against the steps that make each event.
import type { MachineGraph, MachineTransition } from './coverage.js';

/**
 * The steps that make each event of the machine. Events the machine raises itself name the steps that
 * lead to them; timers (`after …`) and eventless transitions follow any step. An event of the machine
 * missing here is one no step makes: its transitions are listed as undrivable, with that reason.
 */
export const STEPS_OF_EVENT: Readonly<Record<string, readonly string[]>> = {
  'keypad.key': ['press', 'keys', 'menu'],
  'finger.placed': ['finger'],
  'card.tapped': ['card'],
  'link.up': ['network'],
  'link.down': ['network'],
  'cloud.up': ['cloud', 'sync'],
  'cloud.down': ['cloud'],
  // The embedded cloud's handshake links the clock and hands it the site's time zone.
  'cloud.linked': ['sync', 'advance'],
  'settings.changed': ['sync', 'advance'],
  'clock.tick': ['advance', 'wait'],
  'attention.lapsed': ['advance', 'wait'],
  'attention.gone': ['advance', 'wait'],
  // What an SDK client asks over the LAN; the firmware answers each request it applied.
  'lan.request': ['lan'],
  'lan.applied': ['lan'],
  'enroll.requested': ['lan'],
  // Raised by the firmware's effects: a write the store refused (`disk: full`).
  'store.failed': ['disk'],
  // A write the store took (an OPLOG record, saved settings): the menu's and the LAN's changes.
  'store.written': ['press', 'menu', 'lan', 'sync'],
  // A command the cloud sends after a portal change, and the firmware's answer to it; the link's
  // acknowledged uploads move its cursors.
  'cloud.command': ['portal', 'sync', 'advance'],
  'command.applied': ['portal', 'sync', 'advance'],
  'upload.acknowledged': ['sync', 'advance', 'press', 'finger', 'card'],
};

/** Events the firmware takes that no step makes, by design, with why. */
export const NO_STEP_MAKES: Readonly<Record<string, string>> = {
  'records.load':
    "a set-up load (the scenario's employees:, a replay's start state) enters before the first step, never from one",
  'records.stored': "the firmware's answer to a set-up load, which enters before the first step",
};

/** The step kinds that make the event a transition waits for: `any` for an eventless one, undefined when none does. */
export function stepsMaking(event: string): readonly string[] | 'any' | undefined {
  if (event === 'always') return 'any';
  if (event.startsWith('after ')) return ['advance', 'wait'];
  return STEPS_OF_EVENT[event];
}

/** The transitions no sequence of scenario steps can take, each with the reason. */
export function undrivableTransitions(graph: MachineGraph): Map<string, string> {
  const reasons = new Map<string, string>();
  const because = (t: MachineTransition): string | undefined =>
    stepsMaking(t.event) !== undefined
      ? undefined
      : (NO_STEP_MAKES[t.event] ??
        `no scenario step makes ${t.event}: add a step for it to the scenario vocabulary (src/scenario/drivable.ts)`);
  for (const t of graph.transitions) {
    const reason = because(t);
    if (reason) reasons.set(t.id, reason);
  }
  // A state entered only by undrivable transitions cannot be left by a driven one either.
  for (const state of unreachableStates(graph, reasons)) {
    for (const t of graph.transitions) {
      if (t.source === state && !reasons.has(t.id))
        reasons.set(t.id, `it leaves ${short(state)}, which no step-driven transition enters`);
    }
  }
  return reasons;
}

/** The states of the graph: those no drivable transition targets (top-level regions' initial states excepted). */
export function undrivableStates(graph: MachineGraph): Map<string, string> {
  const reasons = undrivableTransitions(graph);
  return new Map([...unreachableStates(graph, reasons)].map((s) => [s, 'no step-driven transition enters it']));
}

function unreachableStates(graph: MachineGraph, reasons: ReadonlyMap<string, string>): Set<string> {
  const targeted = new Map<string, boolean>();
  for (const t of graph.transitions) {
    for (const target of t.targets) targeted.set(target, (targeted.get(target) ?? false) || !reasons.has(t.id));
  }
  // A state that only undrivable transitions target; a state no transition targets is an initial one.
  return new Set(graph.states.filter((s) => targeted.get(s) === false));
}

function short(id: string): string {
  return id.replace(/^clock\./, '');
}
