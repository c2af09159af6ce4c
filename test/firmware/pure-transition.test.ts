import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { clockMachineOn, newUser } from '../../firmware/index.js';
import { createMemoryPorts } from '../../src/store/index.js';
import { modelInput } from '../fixtures/screen-model.js';
import { readOnlyPorts } from '../fixtures/read-only-ports.js';

function seeded() {
  const ports = createMemoryPorts();
  ports.users.put(newUser('1001', { name: 'Ana Lopez', card: '3809012974', verifyMode: 0 }));
  return ports;
}

describe("the firmware's pure transition", () => {
  it('decides the power-on record without writing it, naming the effect that would', () => {
    const store = seeded();

    const [, actions] = initialTransition(clockMachineOn(readOnlyPorts(store)), modelInput());

    const append = actions.find((action) => action.type === 'appendOperation');
    expect(append?.params).toEqual({
      operation: { seq: 1, op: 0, admin: '0', time: expect.any(Number), values: [0, 0, 0] },
    });
    expect(store.operations.count()).toBe(0);
  });

  it('looks ahead at a card tap: the thanks and the punch to store, with the store untouched', () => {
    const store = seeded();
    const machine = clockMachineOn(readOnlyPorts(store));
    const [idle] = initialTransition(machine, modelInput());

    const [next, actions] = transition(machine, idle, { type: 'card.tapped', card: '3809012974' });

    expect(next.context.outcome).toMatchObject({ kind: 'thanks', pin: '1001' });
    const storePunch = actions.find((action) => action.type === 'storePunch');
    expect(storePunch?.params).toMatchObject({ punch: { seq: 1, pin: '1001', verify: 4 } });
    expect(store.punches.count()).toBe(0);
  });

  it('runs the same step as an actor and the punch is stored before anyone hears of it', () => {
    const store = seeded();
    const actor = createActor(clockMachineOn(store), { input: modelInput() }).start();
    const heard: number[] = [];
    actor.on('punch.recorded', ({ punch }) => heard.push(store.punches.lastFor(punch.pin)?.seq ?? -1));

    actor.send({ type: 'card.tapped', card: '3809012974' });

    expect(heard).toEqual([1]);
    expect(store.punches.after(0, 10)).toMatchObject([{ seq: 1, pin: '1001' }]);
    actor.stop();
  });
});
