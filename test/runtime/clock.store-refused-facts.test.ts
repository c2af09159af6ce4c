// Writes other than punches that the store refuses (the in-process twin of test/cli/disk-full.test.ts):
// no fact tells of what was not stored — no OPLOG record, no deleted user, no enrolled finger, no saved
// settings — the screen takes back its "Deleted", "Saved" or "Enrolled", and settings stay as stored.
import { describe, expect, it } from 'vitest';
import { newUser } from '../../firmware/index.js';
import type { Clock, ClockFact } from '../../src/runtime/index.js';
import { StoreWriteError } from '../../src/store/index.js';
import { openMenuAs, screenBody, testClock } from '../fixtures/clock.js';
import { STAFF } from '../fixtures/staff.js';

const FACTS = ['operation.recorded', 'user.deleted', 'finger.enrolled', 'settings.saved', 'store.failed'] as const;

function heard(clock: Clock): ClockFact[] {
  const facts: ClockFact[] = [];
  for (const type of FACTS) clock.on(type, (fact: ClockFact) => facts.push(fact));
  return facts;
}

/** Every write the firmware makes throws as on a full disk, until the returned function frees the store. */
function fillStore(clock: Clock): () => void {
  const full = () => {
    throw new StoreWriteError('full', '/data/clock.db', 'database or disk is full');
  };
  const { ports } = clock;
  const saved = {
    transaction: ports.transaction,
    append: ports.operations.append.bind(ports.operations),
    save: ports.settings.save.bind(ports.settings),
  };
  ports.transaction = full;
  ports.operations.append = full;
  ports.settings.save = full;
  return () => {
    ports.transaction = saved.transaction;
    ports.operations.append = saved.append;
    ports.settings.save = saved.save;
  };
}

/** An Administrator on the details page of `pin`, about to delete. */
function adminDeleting(clock: Clock, pin: string): void {
  openMenuAs(clock, STAFF.admin.pin);
  clock.press('1');
  clock.type(pin);
  clock.press('OK');
  clock.press('2');
}

describe('a store that refuses writes other than punches', () => {
  it('tells no user.deleted and no OPLOG record for a deletion it refused, and keeps the user', () => {
    const clock = testClock();
    adminDeleting(clock, STAFF.secure.pin);
    const facts = heard(clock);
    fillStore(clock);

    clock.press('OK');

    expect(facts.map((f) => f.type)).toEqual(['store.failed']);
    expect(facts[0]).toMatchObject({ what: 'user', fault: 'full' });
    expect(clock.ports.users.findByPin(STAFF.secure.pin)).toBeDefined();
    expect(screenBody(clock)).toContain('Memory full: not saved');
    expect(screenBody(clock)).not.toContain(`Deleted ${STAFF.secure.pin}`);
  });

  it('tells the deletion and its OPLOG record once the store takes writes again, after the write', () => {
    const clock = testClock();
    adminDeleting(clock, STAFF.secure.pin);
    const facts = heard(clock);
    const free = fillStore(clock);
    free();

    clock.press('OK');

    expect(facts.map((f) => f.type)).toEqual(['user.deleted', 'operation.recorded']);
    expect(clock.ports.users.findByPin(STAFF.secure.pin)).toBeUndefined();
    expect(clock.ports.operations.after(0, 100).at(-1)).toMatchObject({ op: 9, values: [STAFF.secure.pin, 0, 0] });
  });

  it('tells no settings.saved for a setting it refused, and the clock goes on with the stored settings', () => {
    const clock = testClock();
    openMenuAs(clock, STAFF.admin.pin);
    clock.press('3');
    clock.press('1');
    const facts = heard(clock);
    fillStore(clock);

    clock.press('1');

    expect(facts.map((f) => f.type)).toEqual(['store.failed']);
    expect(clock.settings().dhcp).toBe(true);
    expect(clock.frame().lines).toContain('1. DHCP: on');
    expect(screenBody(clock)).toContain('Memory full: not saved');
  });

  it('tells no operation.recorded for an OPLOG record it refused (the menu opened on a full disk)', () => {
    const clock = testClock();
    const facts = heard(clock);
    fillStore(clock);

    openMenuAs(clock, STAFF.admin.pin);

    expect(facts.map((f) => f.type)).toEqual(['store.failed']);
    expect(facts[0]).toMatchObject({ what: 'operation' });
  });

  it('tells no finger.enrolled for a template it refused, and the enrollment page says so', () => {
    const clock = testClock();
    clock.ports.users.put(newUser('2001', { name: 'Nia New', verifyMode: 6 }));
    openMenuAs(clock, STAFF.manager.pin);
    clock.press('1');
    clock.type('2001');
    clock.press('OK');
    clock.press('OK');
    const facts = heard(clock);
    fillStore(clock);

    for (let i = 0; i < 3; i++) clock.placeFinger('2001/right-index');

    expect(facts.map((f) => f.type)).toEqual(['store.failed']);
    expect(clock.ports.templates.listFor('2001')).toEqual([]);
    expect(screenBody(clock)).toContain('Memory full: not saved');
    expect(screenBody(clock)).not.toContain('Enrolled');
  });
});
