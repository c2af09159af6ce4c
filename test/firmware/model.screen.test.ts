// Model-based test of the screen flow: xstate/graph finds the shortest path to every state of the
// clock machine; each path is replayed on the firmware itself (a running actor on a real in-memory
// store, timers on a virtual clock), checking every state on the way and noting every state it passes.
import { beforeAll, describe, expect, it } from 'vitest';
import { createActor, type StateValue } from 'xstate';
import { clockMachineOn } from '../../firmware/index.js';
import { VirtualClockSource } from '../../src/runtime/clock-source.js';
import {
  MODEL_START,
  atomicStates,
  modelInput,
  modelKey,
  screenTestModel,
  seededPorts,
  statesOf,
  transientStates,
  type ModelEvent,
} from '../fixtures/screen-model.js';

/** The firmware a path is replayed on: a fresh store and a fresh virtual clock. */
function firmwareUnderTest(visited: Set<string>) {
  const source = new VirtualClockSource(MODEL_START);
  const actor = createActor(clockMachineOn(seededPorts()), {
    input: modelInput(),
    clock: { setTimeout: (fn, ms) => source.setTimeout(fn, ms), clearTimeout: (id) => source.clearTimeout(id) },
    inspect: (event) => {
      if (event.type !== '@xstate.microstep') return;
      for (const state of statesOf((event.snapshot as unknown as { value: StateValue }).value)) visited.add(state);
    },
  });
  actor.start();
  for (const state of statesOf(actor.getSnapshot().value)) visited.add(state);
  /** A stand-in timer event of the model is the next timer due on the virtual clock. */
  const fire = (event: ModelEvent) => {
    if (event.type.startsWith('timer.')) source.advance(source.nextDueIn() ?? 0);
    else actor.send(event as Parameters<typeof actor.send>[0]);
  };
  return { actor, fire };
}

describe('the screen flow walked by its model', () => {
  type Paths = ReturnType<ReturnType<typeof screenTestModel>['getShortestPaths']>;
  let paths: Paths = [];
  const walked = new Set<string>();
  const visited = new Set<string>();
  const failures: string[] = [];

  beforeAll(async () => {
    paths = screenTestModel().getShortestPaths();
    for (const path of paths) {
      for (const step of path.steps) for (const state of statesOf(step.state.value)) walked.add(state);
      const sut = firmwareUnderTest(visited);
      const exec = ({ event }: { event: ModelEvent }) => sut.fire(event);
      try {
        await path.test({
          events: new Proxy({}, { get: () => exec }),
          states: { '*': (state) => expect(modelKey(sut.actor.getSnapshot())).toBe(modelKey(state)) },
        });
      } catch (error) {
        failures.push(String(error));
      }
      sut.actor.stop();
    }
  }, 120_000);

  it('reaches, in the model, every state of the machine definition that is not left at once', () => {
    const resting = atomicStates().filter((s) => !transientStates().includes(s));
    expect([...walked].sort()).toEqual(resting);
  });

  it('replays every path on the firmware and lands where the model says at every step', () => {
    expect(paths.length).toBeGreaterThan(0);
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('passes, on the firmware, through every state of the machine definition, transient ones included', () => {
    expect([...visited].sort()).toEqual(atomicStates());
  });
});
