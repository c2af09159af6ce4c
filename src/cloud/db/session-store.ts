// @fastify/session's store on the cloud database: sessions survive a restart of the cloud and expire on
// the cloud's own clock (virtual in tests), idle for longer than the time to live.
import type { SessionStore } from '@fastify/session';
import type { CloudStore } from './store.js';

const ANONYMOUS_TTL_MS = 15 * 60_000;

export function sqliteSessionStore(store: CloudStore, now: () => number, ttlMs: number): SessionStore {
  let lastSweep = 0;
  return {
    get(sid, callback) {
      try {
        callback(null, (store.sessions.get(sid, now()) ?? null) as never);
      } catch (error) {
        callback(error);
      }
    },
    set(sid, session, callback) {
      try {
        const at = now();
        // A session nobody signed in with (a sign-in page's CSRF secret) lives a quarter of an hour at most.
        const signedIn = typeof (session as { username?: unknown }).username === 'string';
        store.sessions.set(sid, session, at + (signedIn ? ttlMs : Math.min(ttlMs, ANONYMOUS_TTL_MS)));
        if (at - lastSweep > 60_000) {
          lastSweep = at;
          store.sessions.sweep(at);
        }
        callback();
      } catch (error) {
        callback(error);
      }
    },
    destroy(sid, callback) {
      try {
        store.sessions.destroy(sid);
        callback();
      } catch (error) {
        callback(error);
      }
    },
  };
}

/** The key that signs session cookies: made once per cloud database, so a restart keeps people signed in. */
export function sessionSecret(store: CloudStore, make: () => string): string {
  return store.secret('session', make);
}
