// The guard's rules on a clock moved by hand: who gives up a slot, when deadlines drop a client, when a
// comm-key lock starts and ends, and how refusals are counted instead of written.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lanLimits } from '../../src/lan/index.js';
import { KeyLock } from '../../src/lan/key-lock.js';
import { RateLog } from '../../src/lan/rate-log.js';
import { SlotTable, type ClientStage, type Slot } from '../../src/lan/slots.js';
import { createLogger } from '../../src/log.js';

const limits = lanLimits({ maxClients: 3 });

function time() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function slot(t: { now(): number }, label: string, stage: ClientStage, transport: 'tcp' | 'udp' = 'tcp') {
  const dropped: string[] = [];
  const s: Slot & { dropped: string[]; at: ClientStage } = {
    label,
    transport,
    address: '127.0.0.1',
    since: t.now(),
    lastSeen: t.now(),
    at: stage,
    stage: () => s.at,
    drop: (why) => dropped.push(why),
    dropped,
  };
  return s;
}

/** A client of another host that has not said CONNECT yet. */
function fromHost(t: { now(): number }, label: string, address: string) {
  return { ...slot(t, label, 'new'), address };
}

describe('client slots', () => {
  it('gives a newcomer the slot of a client that never said CONNECT before anyone else', () => {
    const t = time();
    const table = new SlotTable(limits, t.now);
    const authed = slot(t, 'a', 'authed');
    const connected = slot(t, 'b', 'connected');
    const silent = slot(t, 'c', 'new');
    [authed, connected, silent].forEach((s) => table.admit(s));
    t.advance(limits.evictIdleMs);

    expect(table.admit(slot(t, 'd', 'new'))).toBe(true);
    expect(silent.dropped).toHaveLength(1);
    expect(connected.dropped).toEqual([]);
    expect(authed.dropped).toEqual([]);
  });

  it('refuses a newcomer when every holder is authenticated and was heard from lately', () => {
    const t = time();
    const table = new SlotTable(limits, t.now);
    const holders = ['a', 'b', 'c'].map((l) => slot(t, l, 'authed'));
    holders.forEach((s) => table.admit(s));
    t.advance(limits.evictIdleMs - 1);

    expect(table.admit(slot(t, 'd', 'new'))).toBe(false);
    expect(holders.flatMap((h) => h.dropped)).toEqual([]);
  });

  it('gives the slot of the longest-silent authenticated client once it was silent long enough', () => {
    const t = time();
    const table = new SlotTable(limits, t.now);
    const holders = ['a', 'b', 'c'].map((l) => slot(t, l, 'authed'));
    holders.forEach((s) => table.admit(s));
    t.advance(limits.evictIdleMs);
    table.seen(holders[0]!);
    table.seen(holders[2]!);

    expect(table.admit(slot(t, 'd', 'new'))).toBe(true);
    expect(holders.map((h) => h.dropped.length)).toEqual([0, 1, 0]);
  });

  it('refuses a newcomer from a host already waiting on many slots, and still lets another host in', () => {
    const t = time();
    const table = new SlotTable(lanLimits({ maxClients: 4, maxPendingPerAddress: 2 }), t.now);
    const other = fromHost(t, 'other', '10.0.0.2');
    table.admit(other);
    t.advance(1);
    const waiting = [slot(t, 'x1', 'new'), slot(t, 'x2', 'connected'), slot(t, 'active', 'authed')];
    waiting.forEach((s) => table.admit(s));

    const fromSameHost = table.admit(slot(t, 'x3', 'new'));
    const droppedThen = [other, ...waiting].map((s) => s.dropped.length);
    const fromAnotherHost = table.admit(fromHost(t, 'y', '10.0.0.3'));

    expect(fromSameHost).toBe(false);
    expect(droppedThen).toEqual([0, 0, 0, 0]);
    expect(fromAnotherHost).toBe(true);
    // The slot given up is one of the host waiting on the most, not the other host's older one.
    expect([other, ...waiting].map((s) => s.dropped.length)).toEqual([0, 1, 0, 0]);
  });

  it("takes a slot from a host opening connections in a loop, not from another host's client that has not said CONNECT yet", () => {
    const t = time();
    const table = new SlotTable(lanLimits({ maxClients: 4, maxPendingPerAddress: 3 }), t.now);
    const sdk = fromHost(t, 'sdk', '10.0.0.2');
    const flood = [slot(t, 'f1', 'new'), slot(t, 'f2', 'new')];
    // The SDK client came first: the longest silent, the one an older rule gave up.
    [sdk, ...flood, slot(t, 'active', 'authed')].forEach((s) => {
      table.admit(s);
      t.advance(5);
    });

    expect(table.admit(slot(t, 'f3', 'new'))).toBe(true);
    expect(sdk.dropped).toEqual([]);
    expect(flood.map((s) => s.dropped.length)).toEqual([1, 0]);
  });

  it('drops a client with no CONNECT, then one with no comm key, then a silent UDP peer, each at its deadline', () => {
    const t = time();
    const table = new SlotTable(lanLimits(), t.now);
    const silent = slot(t, 'a', 'new');
    const unkeyed = slot(t, 'b', 'connected');
    const peer = slot(t, 'c', 'authed', 'udp');
    const listener = slot(t, 'd', 'authed', 'tcp');
    [silent, unkeyed, peer, listener].forEach((s) => table.admit(s));

    t.advance(lanLimits().helloMs);
    table.sweep();
    const afterHello = [silent, unkeyed, peer].map((s) => s.dropped.length);
    t.advance(lanLimits().authMs);
    table.sweep();
    const afterAuth = [unkeyed, peer].map((s) => s.dropped.length);
    t.advance(lanLimits().udpIdleMs);
    table.sweep();

    expect(afterHello).toEqual([1, 0, 0]);
    expect(afterAuth).toEqual([1, 0]);
    expect(peer.dropped).toHaveLength(1);
    // A TCP session that registered for events sits silent for hours on a real clock: no deadline.
    expect(listener.dropped).toEqual([]);
    expect(table.size).toBe(1);
  });
});

describe('the comm-key lock', () => {
  it('locks an address at its fifth wrong key for a minute, as the keypad does', () => {
    const t = time();
    const lock = new KeyLock(lanLimits(), t.now);
    const outcomes = [1, 2, 3, 4, 5].map(() => lock.failed('10.0.0.9'));

    expect(outcomes).toEqual(['none', 'none', 'none', 'none', 'address']);
    expect(lock.lockedUntil('10.0.0.9')).toBe(60_000);
    expect(lock.lockedUntil('10.0.0.8')).toBeUndefined();
    t.advance(60_000);
    expect(lock.lockedUntil('10.0.0.9')).toBeUndefined();
  });

  it('forgets wrong keys older than a minute and starts over after the right key', () => {
    const t = time();
    const lock = new KeyLock(lanLimits(), t.now);
    for (let i = 0; i < 4; i++) lock.failed('a');
    t.advance(60_000);
    const afterAMinute = lock.failed('a');
    for (let i = 0; i < 3; i++) lock.failed('a');
    lock.succeeded('a');

    expect(afterAMinute).toBe('none');
    expect(lock.failed('a')).toBe('none');
    expect(lock.lockedUntil('a')).toBeUndefined();
  });

  it('locks every address when wrong keys from many addresses reach the global bound', () => {
    const t = time();
    const lock = new KeyLock(lanLimits(), t.now);
    const outcomes = Array.from({ length: 30 }, (_, i) => lock.failed(`10.0.${i}.1`));

    expect(outcomes.slice(0, 29).every((o) => o === 'none')).toBe(true);
    expect(outcomes[29]).toBe('all');
    expect(lock.lockedUntil('192.168.1.1')).toBe(60_000);
  });
});

describe('the refusal log', () => {
  function collected() {
    const lines: { msg: string; suppressed?: number }[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as { msg: string });
        done();
      },
    });
    return { lines, log: createLogger({ destination }) };
  }

  it('writes ten lines a minute per kind, then one line counting the rest', () => {
    const t = time();
    const { lines, log } = collected();
    const refusals = new RateLog({ log, linesPerWindow: 10, windowMs: 60_000, now: t.now });

    for (let i = 0; i < 10_000; i++) refusals.refused('junk', {}, 'junk refused');
    for (let i = 0; i < 3; i++) refusals.refused('locked', {}, 'locked');
    const during = lines.length;
    t.advance(60_000);
    refusals.flush();

    expect(during).toBe(13);
    expect(lines.slice(13).map((l) => l.msg)).toEqual(['9990 more refused in the last minute (junk)']);
  });

  it('counts nothing it did not hold back, and sums up on close what the window still held', () => {
    const t = time();
    const { lines, log } = collected();
    const refusals = new RateLog({ log, linesPerWindow: 2, windowMs: 60_000, now: t.now });
    refusals.refused('junk', {}, 'junk');
    refusals.refused('junk', {}, 'junk');
    t.advance(60_000);
    refusals.flush();
    const afterQuietWindow = lines.length;
    for (let i = 0; i < 5; i++) refusals.refused('junk', {}, 'junk');
    refusals.flush(true);

    expect(afterQuietWindow).toBe(2);
    expect(lines.at(-1)?.msg).toBe('3 more refused in the last minute (junk)');
  });
});
