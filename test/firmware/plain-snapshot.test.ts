// The machine's context is plain data: the live store is given to the machine (clockMachineOn), never
// kept in its context, so a snapshot goes through JSON and back and the machine runs on from it.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { clockMachineOn, frameText, screenFrame, type ClockEvent } from '../../firmware/index.js';
import { modelInput, seededPorts, MODEL_USERS } from '../fixtures/screen-model.js';

const keys = (...pressed: string[]): ClockEvent[] => pressed.map((key) => ({ type: 'keypad.key', key }) as ClockEvent);

describe("the machine's snapshot", () => {
  it('round-trips through JSON.stringify with the menu open on the user list', () => {
    const actor = createActor(clockMachineOn(seededPorts()), { input: modelInput() }).start();
    for (const event of keys('MENU', MODEL_USERS.admin.pin, 'OK', '1', 'DOWN', 'OK')) actor.send(event);
    const snapshot = actor.getPersistedSnapshot() as unknown as { context: unknown };

    const copy = JSON.parse(JSON.stringify(snapshot)) as typeof snapshot;

    // Strictly: a store, a function or a class instance in the context would not come back as it was.
    expect(copy.context).toStrictEqual(snapshot.context);
    expect(copy).toEqual(snapshot);
    expect(actor.getSnapshot().matches({ screen: { menu: 'userDetail' } })).toBe(true);
    actor.stop();
  });

  it('lets a machine on another store copy run on from the parsed snapshot, screen for screen', () => {
    const original = createActor(clockMachineOn(seededPorts()), { input: modelInput() }).start();
    for (const event of keys('MENU', MODEL_USERS.admin.pin, 'OK', '1')) original.send(event);
    const parsed = JSON.parse(JSON.stringify(original.getPersistedSnapshot())) as ReturnType<
      typeof original.getPersistedSnapshot
    >;

    const resumed = createActor(clockMachineOn(seededPorts()), { snapshot: parsed, input: modelInput() }).start();
    for (const actor of [original, resumed]) for (const event of keys('DOWN', 'OK')) actor.send(event);

    const text = (actor: typeof original) => frameText(screenFrame(actor.getSnapshot()), 32);
    expect(text(resumed)).toBe(text(original));
    expect(text(resumed)).toContain(`ID ${MODEL_USERS.manager.pin}`);
    original.stop();
    resumed.stop();
  });
});
