// Which transitions of the firmware's machine a scenario can drive, and why the others cannot: read from
// the graph (the event a transition waits for, the guard it needs, the state it leaves), not from a list.
import type { MachineGraph, MachineTransition } from './coverage.js';

/** Events only the LAN protocol's sessions send (an SDK client on port 4370); the scenario steps have none. */
const LAN_EVENTS: Readonly<Record<string, string>> = {
  'lan.request': 'sent by an SDK client over the LAN protocol; the scenario steps have no LAN request',
  'lan.applied': 'raised by the firmware after a LAN request it accepted; the scenario steps have no LAN request',
  'enroll.requested': "sent by an SDK client's remote enrollment (LAN CMD_STARTENROLL); the scenario steps have none",
};

/** A guard true only on a path a LAN request opened. */
const LAN_GUARD = /\b(remoteMenu|lanAsks)\b/;

/** The transitions no sequence of scenario steps can take, each with the reason. */
export function undrivableTransitions(graph: MachineGraph): Map<string, string> {
  const reasons = new Map<string, string>();
  const because = (t: MachineTransition): string | undefined => {
    const byEvent = LAN_EVENTS[t.event];
    if (byEvent) return byEvent;
    // `not(remoteMenu)` is the menu a person opened: only a guard that needs the LAN's side counts.
    if (t.guard && LAN_GUARD.test(t.guard.replace(/not\([^()]*\)/g, '')))
      return `its guard ${t.guard} holds only in a menu or state a LAN request opened`;
    return undefined;
  };
  for (const t of graph.transitions) {
    const reason = because(t);
    if (reason) reasons.set(t.id, reason);
  }
  // A state entered only by undrivable transitions cannot be left by a driven one either.
  for (const state of unreachableStates(graph, reasons)) {
    for (const t of graph.transitions) {
      if (t.source === state && !reasons.has(t.id))
        reasons.set(t.id, `it leaves ${short(state)}, which only a LAN request enters`);
    }
  }
  return reasons;
}

/** The states of the graph: those no drivable transition targets (top-level regions' initial states excepted). */
export function undrivableStates(graph: MachineGraph): Map<string, string> {
  const reasons = undrivableTransitions(graph);
  return new Map([...unreachableStates(graph, reasons)].map((s) => [s, 'only a LAN request enters it']));
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
