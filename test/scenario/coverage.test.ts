// The machine coverage: the states and transitions walked from clockMachine's definition, and what an
// actor's inspection events say was reached.
import { describe, expect, it } from 'vitest';
import {
  CoverageRecorder,
  formatCoverage,
  machineGraph,
  runScenario,
  summarizeCoverage,
} from '../../src/scenario/index.js';

describe('machine coverage', () => {
  it('lists every state of the firmware machine and its transitions with guards and targets', () => {
    const graph = machineGraph();

    expect(graph.states).toEqual(
      expect.arrayContaining(['clock.network.up', 'clock.screen.idle', 'clock.screen.menu.about']),
    );
    expect(graph.states).not.toContain('clock');
    expect(graph.transitions).toContainEqual({
      id: 'clock.screen.idEntry keypad.key #4',
      source: 'clock.screen.idEntry',
      event: 'keypad.key',
      targets: ['clock.screen.result'],
      guard: 'punchesAtOnce(keypad)',
      actions: ['identifyAndPunch'],
    });
    expect(graph.transitions).toContainEqual({
      id: 'clock.screen.idEntry keypad.key #5',
      source: 'clock.screen.idEntry',
      event: 'keypad.key',
      targets: ['clock.screen.verifying'],
      guard: 'key(OK)',
      actions: ['identify'],
    });
    expect(
      graph.transitions.find((t) => t.source === 'clock.screen.result' && t.event === 'after RESULT_TIMEOUT'),
    ).toBeDefined();
    expect(new Set(graph.transitions.map((t) => t.id)).size).toBe(graph.transitions.length);
  });

  it('counts the states and transitions a scenario reached, eventless ones included', async () => {
    const result = await runScenario(
      {
        name: 'x',
        employees: [{ first: 'B', badge: 1002, nonSecure: true }],
        // One punch straight to the result, one unknown badge through the eventless `verifying`.
        steps: [{ keys: '1002' }, { press: 'OK' }, { advance: '3s' }, { keys: '1003' }, { press: 'OK' }],
      },
      { coverage: true },
    );
    const data = result.coverage!;

    expect(data.states['clock.screen.verifying']).toBeGreaterThan(0);
    expect(data.transitions['clock.screen.idEntry keypad.key #4']).toBe(1);
    expect(data.transitions['clock.screen.idEntry keypad.key #5']).toBe(1);
    expect(data.transitions['clock.screen.result after RESULT_TIMEOUT #0']).toBe(1);
    expect(data.states['clock.screen.menu.about']).toBeUndefined();
    expect(summarizeCoverage(data).states.reached).toBeLessThan(summarizeCoverage(data).states.total);
  });

  it('merges runs and prints what was not reached', () => {
    const recorder = new CoverageRecorder();
    recorder.merge({ states: { 'clock.network.up': 2 }, transitions: {} });
    recorder.merge({ states: { 'clock.network.up': 1, 'clock.network.down': 1 }, transitions: {} });

    expect(recorder.data().states).toEqual({ 'clock.network.up': 3, 'clock.network.down': 1 });
    expect(formatCoverage(recorder.data())).toMatch(/^States: +2\/\d+ reached/);
    expect(formatCoverage(recorder.data())).not.toMatch(/ {2}network\.up\n/);
  });
});
