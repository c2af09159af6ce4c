// Live updates: GET /events streams the cloud's facts to signed-in pages, coalesced so that a polling
// fleet does not flood them; a punch uploaded by a clock reaches an open stream within a second.
import { afterEach, describe, expect, it } from 'vitest';
import { CloudEvents } from '../../src/cloud/domain/events.js';
import { openCloudStore } from '../../src/cloud/db/store.js';
import { Records } from '../../src/cloud/domain/records.js';
import { FactCoalescer, FactHub, type FactBatch, type FactKind, type Timers } from '../../src/cloud/web/live-facts.js';
import { START, startPortal } from './portal-harness.js';
import { onlineClock } from './wire-clock.js';

interface EventStream {
  response: Response;
  /** The next `facts` message for which `wanted` holds, or a rejection after `withinMs`. */
  next(wanted: (batch: FactBatch) => boolean, withinMs: number): Promise<FactBatch>;
  close(): void;
}

const streams: EventStream[] = [];
afterEach(() => {
  for (const stream of streams.splice(0)) stream.close();
});

async function openEvents(url: string, cookie: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/events`, { headers: { cookie }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const stream: EventStream = {
    response,
    async next(wanted, withinMs) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no wanted event within ${withinMs} ms; got: ${buffer}`)), withinMs);
      });
      try {
        for (;;) {
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^event: facts\ndata: (.*)$/m.exec(message)?.[1];
            if (data !== undefined && wanted(JSON.parse(data) as FactBatch)) return JSON.parse(data) as FactBatch;
          }
          const chunk = await Promise.race([reader.read(), deadline]);
          if (chunk.done) throw new Error('the stream ended');
          buffer += chunk.value;
        }
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => controller.abort(),
  };
  streams.push(stream);
  return stream;
}

function sessionCookie(setCookies: string[]): string {
  return setCookies.map((line) => line.split(';')[0]).join('; ');
}

describe('live updates over server-sent events', () => {
  it('refuses a visitor without a session with 401, not a redirect EventSource cannot follow', async () => {
    const portal = await startPortal();

    const reply = await portal.client().get('/events');

    expect(reply.status).toBe(401);
  });

  it('streams text/event-stream with the portal’s security headers to a signed-in page', async () => {
    const portal = await startPortal();
    const signedIn = await portal.client().signIn();

    const stream = await openEvents(portal.url, sessionCookie(signedIn.headers.getSetCookie()));

    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('tells an open stream of a punch uploaded by a clock within a second', async () => {
    const portal = await startPortal();
    const clock = await onlineClock(portal, 'TC1A000001');
    const signedIn = await portal.client().signIn();
    const stream = await openEvents(portal.url, sessionCookie(signedIn.headers.getSetCookie()));

    await clock.uploadPunches(['1001\t2026-11-25 08:02:11\t0\t1\t0\t0\t0']);

    const batch = await stream.next((b) => b.kinds.includes('punch'), 1_000);
    expect(batch.sns).toEqual(['TC1A000001']);
  });

  it('tells an open stream of a command’s answer', async () => {
    const portal = await startPortal();
    const clock = await onlineClock(portal, 'TC1A000001');
    const signedIn = await portal.client().signIn();
    const stream = await openEvents(portal.url, sessionCookie(signedIn.headers.getSetCookie()));
    portal.cloud.portal.queueCommand('TC1A000001', { kind: 'reboot' });

    await clock.drain();

    await expect(stream.next((b) => b.kinds.includes('command'), 1_000)).resolves.toMatchObject({
      sns: ['TC1A000001'],
    });
  });
});

/** Timers driven by the test: time moves only when it says so. */
function manualTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  let due: { at: number; fn: () => void } | undefined;
  return {
    now: () => now,
    setTimeout: (fn, ms) => (due = { at: now + ms, fn }),
    clearTimeout: () => (due = undefined),
    advance(ms) {
      now += ms;
      if (due !== undefined && due.at <= now) {
        const { fn } = due;
        due = undefined;
        fn();
      }
    },
  };
}

describe('coalescing the cloud’s facts', () => {
  it('sends the first fact at once and gathers the ones that follow into one batch per interval', () => {
    const timers = manualTimers();
    const sent: FactBatch[] = [];
    const coalescer = new FactCoalescer((batch) => sent.push(batch), 250, timers);

    coalescer.add('punch', 'TC1');
    for (let i = 0; i < 100; i++) coalescer.add(i % 2 ? 'command' : 'clock', `TC${i % 3}`);
    timers.advance(249);
    const beforeInterval = sent.length;
    timers.advance(1);

    expect(beforeInterval).toBe(1);
    expect(sent).toEqual([
      { kinds: ['punch'], sns: ['TC1'] },
      { kinds: ['clock', 'command'], sns: ['TC0', 'TC1', 'TC2'] },
    ]);
  });

  it('tells the pages of a clock that keeps polling once, and again when it goes offline', () => {
    const time = { now: START };
    const store = openCloudStore(':memory:', time.now);
    const events = new CloudEvents();
    const hub = new FactHub({ events, records: new Records(store, () => time.now, 30_000) });
    const told: [FactKind, string][] = [];
    store.clocks.register('TC1', 'TC1', time.now);
    const unsubscribe = hub.subscribe((kind, sn) => told.push([kind, sn]));

    for (let i = 0; i < 5; i++) {
      time.now += 2_000;
      store.clocks.touch('TC1', time.now);
      events.emit('clock.seen', { sn: 'TC1', at: time.now, endpoint: 'getrequest' });
    }
    const whilePolling = [...told];
    time.now += 31_000;
    hub.sweep();
    unsubscribe();
    store.close();

    expect(whilePolling).toEqual([['clock', 'TC1']]);
    expect(told).toEqual([
      ['clock', 'TC1'],
      ['clock', 'TC1'],
    ]);
  });
});
