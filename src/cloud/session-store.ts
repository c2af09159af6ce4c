// @fastify/session's store on the cloud database: sessions survive a restart of the cloud and expire on
// the cloud's own clock (virtual in tests), idle for longer than the time to live.
import type { SessionStore } from '@fastify/session';
import type { CloudStore } from './store.js';

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
        store.sessions.set(sid, session, at + ttlMs);
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
