// A card tap, a finger or OK after a badge number that identifies its user for a punch is decided, stored and told in one step of
// the firmware: one event in, one microstep, no second event from the store's effect. Counted
// with xstate's inspection events, so a hop through `verifying` or a `punch.stored`-like event back fails.
import { describe, expect, it } from 'vitest';
import { createActor, type InspectionEvent } from 'xstate';
import { clockMachineOn, type ClockEmitted, type ClockPorts } from '../../firmware/index.js';
import { createMemoryPorts, StoreWriteError } from '../../src/store/index.js';
import { modelInput } from '../fixtures/screen-model.js';
import { STAFF, fingerOf, seedStaff } from '../fixtures/staff.js';
import { fingerFrom } from '../../src/runtime/inputs.js';

/** An actor of the clock machine on a seeded store, with what it is sent, steps through and tells. */
function inspected(ports: ClockPorts = seeded()) {
  const seen: InspectionEvent[] = [];
  const actor = createActor(clockMachineOn(ports), { input: modelInput(), inspect: (e) => seen.push(e) }).start();
  const told: ClockEmitted[] = [];
  actor.on('*', (fact) => told.push(fact));
  const counts = () => ({
    events: seen.filter((e) => e.type === '@xstate.event' && e.actorRef === actor).length,
    microsteps: seen.filter((e) => e.type === '@xstate.microstep').length,
  });
  const fresh = () => {
    seen.length = 0;
    told.length = 0;
  };
  return { actor, ports, told, counts, fresh };
}

function seeded(): ClockPorts {
  const ports = createMemoryPorts();
  seedStaff(ports);
  return ports;
}

describe('a punch in one firmware step', () => {
  it('takes a card tap from idle to the thanks in one event and one microstep, stored and told', () => {
    const { actor, ports, told, counts, fresh } = inspected();
    fresh();

    actor.send({ type: 'card.tapped', card: STAFF.user.card });

    expect(counts().events).toBe(1);
    expect(counts().microsteps).toBe(1);
    expect(actor.getSnapshot().value).toMatchObject({ screen: 'result' });
    expect(actor.getSnapshot().context.outcome).toMatchObject({ kind: 'thanks', pin: STAFF.user.pin });
    expect(ports.punches.after(0, 10)).toMatchObject([{ seq: 1, pin: STAFF.user.pin, verify: 4 }]);
    expect(told).toEqual([{ type: 'punch.recorded', punch: ports.punches.lastFor(STAFF.user.pin) }]);
    actor.stop();
  });

  it('takes the next tap on the result screen the same way, and a finger too', () => {
    const { actor, ports, told, counts, fresh } = inspected();
    actor.send({ type: 'card.tapped', card: STAFF.user.card });
    fresh();

    actor.send({ type: 'card.tapped', card: STAFF.secure.card });
    actor.send({ type: 'finger.placed', finger: fingerFrom(fingerOf(STAFF.admin)), quality: 'good' });

    expect(counts()).toEqual({ events: 2, microsteps: 2 });
    expect(ports.punches.after(0, 10).map((p) => p.pin)).toEqual([STAFF.user.pin, STAFF.secure.pin, STAFF.admin.pin]);
    expect(told.map((f) => f.type)).toEqual(['punch.recorded', 'punch.recorded']);
    actor.stop();
  });

  it('takes OK after a badge number that identifies its user the same way', () => {
    const { actor, ports, counts, fresh } = inspected();
    for (const key of STAFF.user.pin) actor.send({ type: 'keypad.key', key: key as '0' });
    fresh();

    actor.send({ type: 'keypad.key', key: 'OK' });

    expect(counts()).toEqual({ events: 1, microsteps: 1 });
    expect(actor.getSnapshot().context.outcome).toMatchObject({ kind: 'thanks', pin: STAFF.user.pin });
    expect(ports.punches.after(0, 10)).toMatchObject([{ pin: STAFF.user.pin, verify: 0 }]);
    actor.stop();
  });

  it('still routes a card that needs a second factor through verifying', () => {
    const { actor, ports, counts, fresh } = inspected();
    fresh();

    actor.send({ type: 'card.tapped', card: STAFF.cardPassword.card });

    expect(counts().microsteps).toBe(2);
    expect(actor.getSnapshot().value).toMatchObject({ screen: 'secondFactor' });
    expect(ports.punches.count()).toBe(0);
    actor.stop();
  });

  it('tells no punch the store refused: the refusal comes as the one event after the step', () => {
    const ports = seeded();
    ports.punches.append = () => {
      throw new StoreWriteError('full', '/data/clock.db', 'database or disk is full');
    };
    const { actor, told, counts, fresh } = inspected(ports);
    fresh();

    actor.send({ type: 'card.tapped', card: STAFF.user.card });

    expect(counts().events).toBe(2);
    expect(told.map((f) => f.type)).toEqual(['store.failed']);
    expect(actor.getSnapshot().context.outcome).toEqual({ kind: 'not-stored', fault: 'full' });
    expect(actor.getSnapshot().context.storeFault).toBe('full');
    actor.stop();
  });

  it('clears a fault noted before once a tap is stored again, in that same step', () => {
    const ports = seeded();
    const append = ports.punches.append.bind(ports.punches);
    ports.punches.append = () => {
      throw new StoreWriteError('full', '/data/clock.db', 'database or disk is full');
    };
    const { actor, told, counts, fresh } = inspected(ports);
    actor.send({ type: 'card.tapped', card: STAFF.user.card });
    ports.punches.append = append;
    fresh();

    actor.send({ type: 'card.tapped', card: STAFF.secure.card });

    expect(counts().events).toBe(1);
    expect(actor.getSnapshot().context.storeFault).toBeNull();
    expect(told.map((f) => f.type)).toEqual(['punch.recorded']);
    actor.stop();
  });
});
