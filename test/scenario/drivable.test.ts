// Which transitions scenario steps can drive, read from the graph against the steps that make each event:
// today every event of the firmware has a step; an event none makes is listed with its reason, and so are
// the transitions out of the states only it enters.
import { describe, expect, it } from 'vitest';
import {
  NO_STEP_MAKES,
  STEPS_OF_EVENT,
  STEP_KINDS,
  machineGraph,
  undrivableTransitions,
  type MachineGraph,
} from '../../src/scenario/index.js';

describe('drivable transitions', () => {
  it('are all of the firmware machine but the set-up loads: every other event it waits for is made by some step', () => {
    const undrivable = [...undrivableTransitions(machineGraph())];
    expect(undrivable.length).toBeGreaterThan(0);
    for (const [id, why] of undrivable) {
      expect(id).toMatch(/records\.(load|stored)/);
      expect(why).toBe(NO_STEP_MAKES[id.includes('records.load') ? 'records.load' : 'records.stored']);
    }
  });

  it('name only steps the scenario vocabulary has', () => {
    const named = new Set(Object.values(STEPS_OF_EVENT).flat());
    for (const step of named) expect(STEP_KINDS).toContain(step);
  });

  it('leave out an event no step makes, naming it, and what leaves the state only it enters', () => {
    const graph: MachineGraph = {
      states: ['clock.screen.idle', 'clock.screen.printing'],
      transitions: [
        { id: 'a', source: 'clock.screen.idle', event: 'keypad.key', targets: [], actions: [] },
        {
          id: 'b',
          source: 'clock.screen.idle',
          event: 'printer.ready',
          targets: ['clock.screen.printing'],
          actions: [],
        },
        { id: 'c', source: 'clock.screen.printing', event: 'keypad.key', targets: ['clock.screen.idle'], actions: [] },
      ],
    };

    const reasons = undrivableTransitions(graph);

    expect([...reasons.keys()]).toEqual(['b', 'c']);
    expect(reasons.get('b')).toContain('no scenario step makes printer.ready');
    expect(reasons.get('c')).toContain('it leaves screen.printing, which no step-driven transition enters');
  });
});
