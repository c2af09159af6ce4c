// Coverage of the firmware machine: every state and transition of clockMachine's definition, and which
// of them a set of runs reached, observed through the actor inspection API (snapshots and microsteps).
import type { AnyStateMachine, InspectionEvent } from 'xstate';
import { clockMachine } from '../../firmware/index.js';
import { undrivableTransitions } from './drivable.js';

export interface MachineTransition {
  /** Stable across runs: source state, event, and the position among that event's candidates. */
  id: string;
  source: string;
  event: string;
  targets: string[];
  guard?: string;
  actions: string[];
}

export interface MachineGraph {
  states: string[];
  transitions: MachineTransition[];
}

/** What runs reached: hits by state id and by transition id. Plain data, so workers can send it. */
export interface CoverageData {
  states: Record<string, number>;
  transitions: Record<string, number>;
}

interface NodeLike {
  id: string;
  states: Record<string, NodeLike>;
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
}

interface TransitionLike {
  eventType: string;
  source: { id: string } | NodeLike;
  target?: readonly { id: string }[];
  guard?: unknown;
  actions: readonly unknown[];
}

const graphs = new WeakMap<AnyStateMachine, { graph: MachineGraph; ids: WeakMap<object, string> }>();

/** The machine's states and transitions, walked from its definition (cached per machine). */
export function machineGraph(machine: AnyStateMachine = clockMachine): MachineGraph {
  return walked(machine).graph;
}

function walked(machine: AnyStateMachine) {
  const cached = graphs.get(machine);
  if (cached) return cached;
  const graph: MachineGraph = { states: [], transitions: [] };
  const ids = new WeakMap<object, string>();
  const visit = (node: NodeLike, root: boolean): void => {
    if (!root) graph.states.push(node.id);
    const lists: [string, TransitionLike[]][] = [...node.transitions.entries()];
    if (node.always?.length) lists.push(['', node.always]);
    for (const [eventType, list] of lists) {
      list.forEach((t, index) => {
        const event = eventLabel(eventType);
        const id = `${node.id} ${event} #${index}`;
        ids.set(t, id);
        const transition: MachineTransition = {
          id,
          source: node.id,
          event,
          targets: (t.target ?? []).map((n) => n.id),
          actions: t.actions.map(nameOf),
        };
        if (t.guard !== undefined) transition.guard = nameOf(t.guard);
        graph.transitions.push(transition);
      });
    }
    for (const child of Object.values(node.states)) visit(child, false);
  };
  visit(machine.root as unknown as NodeLike, true);
  const entry = { graph, ids };
  graphs.set(machine, entry);
  return entry;
}

/**
 * A transition's id read from its own state node: the actor may run the machine with implementations
 * provided (the runtime gives it its store), whose transition objects are not the definition's.
 */
function transitionId(t: TransitionLike): string | undefined {
  const source = t.source as NodeLike;
  const list = t.eventType === '' ? source.always : source.transitions?.get(t.eventType);
  const index = list?.indexOf(t) ?? -1;
  return index < 0 ? undefined : `${source.id} ${eventLabel(t.eventType)} #${index}`;
}

/** `always` for eventless transitions, `after RESULT_TIMEOUT` for delayed ones. */
function eventLabel(eventType: string): string {
  if (eventType === '') return 'always';
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  return after ? `after ${after[1]}` : eventType;
}

/** A guard or action as a person reads it: `key(OK)`, `and(digit, idEntryLocked)`, `appendDigit`. */
function nameOf(item: unknown): string {
  if (typeof item === 'string') return item;
  if (typeof item === 'function') {
    const parts = (item as { guards?: unknown[]; guard?: unknown }).guards ?? [(item as { guard?: unknown }).guard];
    return ['and', 'or', 'not'].includes(item.name)
      ? `${item.name}(${parts.map(nameOf).join(', ')})`
      : item.name || 'inline';
  }
  if (typeof item === 'object' && item !== null && 'type' in item) {
    const { type, params } = item as { type: string; params?: unknown };
    const values = typeof params === 'object' && params !== null ? Object.values(params).map(String) : [];
    return values.length > 0 ? `${type}(${values.join(', ')})` : type;
  }
  return 'inline';
}

/** Collects what one or more actors of the machine reach. */
export class CoverageRecorder {
  private readonly states = new Map<string, number>();
  private readonly transitions = new Map<string, number>();
  private readonly ids: WeakMap<object, string>;

  constructor(private readonly machine: AnyStateMachine = clockMachine) {
    this.ids = walked(machine).ids;
  }

  /** The inspection observer: pass it to the actor (createClock's `inspect`). */
  readonly observe = (event: InspectionEvent): void => {
    if (event.type === '@xstate.snapshot') this.reachValue((event.snapshot as { value?: unknown }).value);
    if (event.type === '@xstate.microstep') {
      // Eventless states (verifying) are left within the step: only the microstep's snapshot shows them.
      this.reachValue((event.snapshot as { value?: unknown }).value);
      for (const t of event._transitions) {
        const id = this.ids.get(t) ?? transitionId(t as unknown as TransitionLike);
        if (id !== undefined) this.transitions.set(id, (this.transitions.get(id) ?? 0) + 1);
      }
    }
  };

  /** Counts the active states of a snapshot value: `{ screen: { menu: 'about' } }` reaches three. */
  reachValue(value: unknown, prefix: string = this.machine.root.id): void {
    if (typeof value === 'string') return this.hit(`${prefix}.${value}`);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      this.hit(`${prefix}.${key}`);
      this.reachValue(child, `${prefix}.${key}`);
    }
  }

  merge(data: CoverageData): void {
    for (const [id, n] of Object.entries(data.states)) this.states.set(id, (this.states.get(id) ?? 0) + n);
    for (const [id, n] of Object.entries(data.transitions))
      this.transitions.set(id, (this.transitions.get(id) ?? 0) + n);
  }

  data(): CoverageData {
    return { states: Object.fromEntries(this.states), transitions: Object.fromEntries(this.transitions) };
  }

  private hit(id: string): void {
    this.states.set(id, (this.states.get(id) ?? 0) + 1);
  }
}

export interface CoverageSummary {
  states: { reached: number; total: number };
  transitions: { reached: number; total: number };
  /** The transitions scenario steps can drive (the others wait for an event no step makes: drivable.ts). */
  drivable: { reached: number; total: number };
}

export function summarizeCoverage(data: CoverageData, graph: MachineGraph = machineGraph()): CoverageSummary {
  const undrivable = undrivableTransitions(graph);
  const drivable = graph.transitions.filter((t) => !undrivable.has(t.id));
  return {
    states: { reached: graph.states.filter((s) => data.states[s]).length, total: graph.states.length },
    transitions: {
      reached: graph.transitions.filter((t) => data.transitions[t.id]).length,
      total: graph.transitions.length,
    },
    drivable: {
      reached: drivable.filter((t) => data.transitions[t.id]).length,
      total: drivable.length,
    },
  };
}

/** A text report: totals, then what was not reached (or everything with its hits, when `all`). */
export function formatCoverage(data: CoverageData, options: { all?: boolean } = {}, graph = machineGraph()): string {
  const { states, transitions, drivable } = summarizeCoverage(data, graph);
  const undrivable = undrivableTransitions(graph);
  const pct = (a: number, b: number) => `${b === 0 ? 100 : Math.round((100 * a) / b)}%`;
  const out = [
    `States:      ${states.reached}/${states.total} reached (${pct(states.reached, states.total)})`,
    `Transitions: ${transitions.reached}/${transitions.total} taken (${pct(transitions.reached, transitions.total)})`,
    `Drivable:    ${drivable.reached}/${drivable.total} taken (${pct(drivable.reached, drivable.total)}); ` +
      `${undrivable.size} cannot be driven by scenario steps`,
  ];
  const stateRows = graph.states
    .filter((s) => options.all || !data.states[s])
    .map((s) => `  ${String(data.states[s] ?? 0).padStart(6)}  ${short(s)}`);
  const row = (t: MachineTransition) =>
    `  ${String(data.transitions[t.id] ?? 0).padStart(6)}  ${describeTransition(t)}`;
  const transitionRows = graph.transitions
    .filter((t) => options.all || (!data.transitions[t.id] && !undrivable.has(t.id)))
    .map(row);
  const undrivableRows = graph.transitions
    .filter((t) => undrivable.has(t.id) && (options.all || !data.transitions[t.id]))
    .flatMap((t) => [row(t), `          why: ${undrivable.get(t.id)!}`]);
  if (stateRows.length) out.push('', options.all ? 'States (hits):' : 'States not reached:', ...stateRows);
  if (transitionRows.length)
    out.push('', options.all ? 'Transitions (hits):' : 'Transitions not taken:', ...transitionRows);
  if (undrivableRows.length) out.push('', 'Transitions scenario steps cannot drive, and why:', ...undrivableRows);
  return `${out.join('\n')}\n`;
}

const short = (id: string) => id.replace(/^clock\./, '');

/** `screen.idle: keypad.key [key(ESC)] -> screen.idle  / clearChosenState`: a transition as the reports print it. */
export function describeTransition(t: MachineTransition): string {
  const guard = t.guard ? ` [${t.guard}]` : '';
  const target = t.targets.length ? ` -> ${t.targets.map(short).join(', ')}` : '';
  const actions = t.actions.length ? `  / ${t.actions.join(', ')}` : '';
  return `${short(t.source)}: ${t.event}${guard}${target}${actions}`;
}
