// The quiet poll in-process: an online clock's poll that the embedded cloud answers OK is a whole round done
// at the timer's instant, without a promise; anything else (commands, a fault) takes the usual round, and
// the cloud is asked once either way. Over a transport that answers later (HTTP), the quiet poll is one frozen request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCloud, inProcessTransport, type Cloud } from '../../src/cloud/index.js';
import type { PushRequest, PushTransport } from '../../src/protocol/index.js';
import type { Clock } from '../../src/runtime/index.js';
import { startSync, type SyncLink } from '../../src/sync/index.js';
import { virtualClock } from './helpers.js';

const SN = 'TC1A000001';
const DELAY = 10_000;

/** The in-process transport, counting what went each way: by request() (a promise) or requestNow() (at once). */
function counting(inner: PushTransport) {
  const counts = { request: [] as string[], now: [] as string[], declined: 0 };
  const transport: PushTransport = {
    request(request: PushRequest) {
      counts.request.push(request.path);
      return inner.request(request);
    },
    requestNow(request: PushRequest) {
      const answer = inner.requestNow!(request);
      if (answer === undefined) counts.declined++;
      else counts.now.push(request.path);
      return answer;
    },
    close: () => inner.close(),
  };
  return { transport, counts };
}

let cloud: Cloud;
let clock: Clock;
let link: SyncLink;
let counts: ReturnType<typeof counting>['counts'];
/** getrequests the cloud answered, counted where it answers them. */
let polls: number;

beforeEach(async () => {
  clock = virtualClock({ serialNumber: SN });
  cloud = createCloud({ now: () => clock.source.now(), push: { delay: DELAY / 1000 } });
  cloud.registerClock(SN);
  polls = 0;
  cloud.events.on('clock.seen', ({ endpoint }) => void (endpoint === 'getrequest' && polls++));
  const made = counting(inProcessTransport(cloud));
  counts = made.counts;
  link = startSync(clock, { transport: made.transport });
  await link.whenIdle();
  counts.request.length = 0;
  counts.now.length = 0;
  polls = 0;
});

afterEach(async () => {
  await link.stop();
  clock.close();
  await cloud.close();
});

/** Events sent into the firmware from now on, counted at the clock's one door. */
function countFirmwareEvents(): string[] {
  const sent: string[] = [];
  const send = clock.send.bind(clock);
  clock.send = (event) => {
    sent.push(event.type);
    send(event);
  };
  return sent;
}

describe('a quiet poll answered at once in-process', () => {
  it('an hour of polls happens within one advance of virtual time: each a whole round, none through a promise', () => {
    const events = countFirmwareEvents();

    clock.advance(3_600_000);

    // Had a poll needed a promise, the next one would not be on the timers until it settled: one poll, not 360.
    expect(polls).toBe(360);
    expect(counts.now).toHaveLength(360);
    expect(counts.request).toEqual([]);
    expect(link.status().state).toBe('online');
    expect(clock.cloudUp()).toBe(true);
    // A poll that changes nothing on the clock sends the firmware nothing.
    expect(events).toEqual([]);
    expect(link.working()).toBe(false);
  });

  it('a poll that finds a command is asked once; the usual round applies it and posts the reply', async () => {
    const created = cloud.portal.createEmployee({
      employeeId: 'E4242',
      firstName: 'Ana',
      lastName: 'Lopez',
      badge: '4242',
      nonSecure: true,
      clocks: [SN],
    });
    expect(created.ok).toBe(true);

    clock.advance(DELAY);
    expect(link.working()).toBe(true);
    await link.settled();

    expect(clock.records.users.findByPin('4242')).toBeDefined();
    expect(cloud.store.commands.list({ sn: SN, limit: 100 }).every((c) => c.state === 'done')).toBe(true);
    // The answer with commands came at once and was not asked for again; the reply went the usual way, and
    // so did the poll right after it (the server may hold more).
    expect(counts.now).toEqual(['/iclock/getrequest']);
    expect(counts.request).toEqual(['/iclock/devicecmd', '/iclock/getrequest']);
    expect(polls).toBe(2);
  });

  it('with a fault set the cloud declines to answer at once, and the usual round plays the fault', async () => {
    cloud.faults.set({ status500: 1 });

    clock.advance(DELAY);
    await link.settled();

    expect(counts.declined).toBe(1);
    expect(counts.now).toEqual([]);
    expect(counts.request).toEqual(['/iclock/getrequest']);
    expect(link.status().state).toBe('offline');
    expect(clock.cloudUp()).toBe(false);
  });

  it('a punch made meanwhile goes up by the usual round before the poll, not left behind by a quick one', async () => {
    clock.type('1001');
    clock.press('OK');
    await link.settled();
    clock.advance(DELAY);
    await link.settled();

    expect(cloud.store.punches.count(SN)).toBe(1);
    expect(counts.request[0]).toBe('/iclock/cdata');
  });
});

describe('a quiet poll over a transport that answers later (as HTTP does)', () => {
  it('is the same frozen request every Delay, so that the transport writes its URL and key header once', async () => {
    const sent: PushRequest[] = [];
    const inner = inProcessTransport(cloud);
    const later: PushTransport = {
      request: (request) => {
        sent.push(request);
        return inner.request(request);
      },
      close: () => inner.close(),
    };
    await link.stop();
    link = startSync(clock, { transport: later });
    await link.whenIdle();
    sent.length = 0;

    for (let i = 0; i < 3; i++) {
      clock.advance(DELAY);
      await link.settled();
    }

    const quiet = sent.filter((request) => request.path === '/iclock/getrequest');
    expect(quiet).toHaveLength(3);
    // main made a new request object (and a new query string) at every poll.
    expect(new Set(quiet).size).toBe(1);
    expect(Object.isFrozen(quiet[0])).toBe(true);
    expect(quiet[0]!.query).toEqual({ SN });
  });
});
