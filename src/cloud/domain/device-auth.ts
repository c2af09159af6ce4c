// Who may speak for a clock: a request is answered only for a registered serial number, and for a key
// clock only with its device key (`Authorization: Bearer <key>`) once it sent it; before that, its
// handshakes are offered the key (`RegistryCode=<key>`) and it counts as a serial-only clock. Browsers are refused before anything else:
// clocks never send Origin or Sec-Fetch-*, so such a request is a web page feeding the cloud.
import crypto from 'node:crypto';
import type { PushEndpoint } from '../../protocol/index.js';
import { tokenHash } from './passwords.js';
import type { ClockRegistry } from './registration.js';
import type { CloudStore } from '../db/index.js';
import type { ClockAuth } from '../types.js';

export type DeviceVerdict =
  | {
      ok: true;
      /** What proved the clock: its key, or (a serial-only clock) its serial number alone. */
      trust: ClockAuth;
      /** The handshake of a clock whose key waited for it: the key goes into the answer. */
      deliverKey?: string;
    }
  | { ok: false; status: number; body: string; headers?: Record<string, string> };

/** The header of a browser's request that a clock never sends, if there is one. */
export function browserHeader(headers: Record<string, string | string[] | undefined>): string | undefined {
  if (headers.origin !== undefined) return 'Origin';
  // `none` is a person typing the address: harmless, and no page can send it. Sec-Fetch-Mode alone is not
  // a browser (Node's fetch sends `cors`): a browser sends Sec-Fetch-Site with it.
  const site = headers['sec-fetch-site'];
  return site !== undefined && site !== 'none' ? 'Sec-Fetch-Site' : undefined;
}

/**
 * The key each clock last proved itself with, beside the hash it matched: a clock sends the same key with
 * every poll, and comparing it costs far less than hashing it. A key the portal replaced has another hash
 * and is hashed again; no other key can match a hash, so one that differs from the remembered key is wrong.
 * The whole Authorization header proven last is kept too: a poll that sends it again is one comparison in
 * constant time, with no parse and no buffer.
 */
export class ProvenKeys {
  private readonly bySn = new Map<string, { keyHash: string; key: string; header: string | undefined }>();

  /** Whether `authorization` is the very header the clock last proved itself with, under the same key hash. */
  sameHeader(sn: string, keyHash: string, authorization: string): boolean {
    const proven = this.bySn.get(sn);
    return proven?.keyHash === keyHash && proven.header !== undefined && sameText(authorization, proven.header);
  }

  matches(sn: string, keyHash: string, presented: string, header?: string): boolean {
    const proven = this.bySn.get(sn);
    if (proven?.keyHash === keyHash) {
      if (!sameText(presented, proven.key)) return false;
      proven.header = header;
      return true;
    }
    if (!sameBytes(Buffer.from(tokenHash(presented)), Buffer.from(keyHash))) return false;
    this.bySn.set(sn, { keyHash, key: presented, header });
    return true;
  }
}

/**
 * Equal strings, compared in a time that depends on their length only (a secret's prefix is not told by
 * how soon a wrong guess is refused), as crypto.timingSafeEqual does for buffers, without making one.
 */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The verdicts of nearly every request, made once: a poll builds none. */
const BY_KEY: DeviceVerdict = Object.freeze({ ok: true, trust: 'key' });
const BY_SERIAL: DeviceVerdict = Object.freeze({ ok: true, trust: 'serial' });

export function authenticate(
  store: CloudStore,
  registry: ClockRegistry,
  request: { sn: string; endpoint: PushEndpoint; method: string; authorization: string | undefined },
  proven: ProvenKeys,
): DeviceVerdict {
  const { sn } = request;
  let keys = store.deviceKeys.get(sn);
  if (keys === undefined) {
    if (!registry.unknown(sn)) {
      return refuse(403, `Error: device ${sn} is not registered with this server; it waits for an admin to accept it`);
    }
    keys = store.deviceKeys.get(sn)!;
  }
  if (keys.auth === 'serial') return BY_SERIAL;
  const { authorization } = request;
  // Nearly every request of a key clock: the header it proved itself with last time, sent again.
  if (authorization !== undefined && keys.keyHash !== undefined && keys.pickup === undefined) {
    if (proven.sameHeader(sn, keys.keyHash, authorization)) return BY_KEY;
  }
  const presented = bearer(authorization);
  if (presented !== undefined) {
    if (keys.keyHash === undefined || !proven.matches(sn, keys.keyHash, presented, authorization)) {
      return refuse(401, `Error: wrong device key for ${sn}`);
    }
    // The clock has its key (from a handshake, or entered on it): it is never offered again.
    if (keys.pickup !== undefined) store.deviceKeys.taken(sn);
    return BY_KEY;
  }
  if (keys.pickup === undefined) {
    return refuse(
      401,
      `Error: device ${sn} must send its device key (Authorization: Bearer); a new one is issued in the portal`,
    );
  }
  // Offered until the clock's first request with it: an answer lost on the way (a timeout, a reset, a
  // clock killed mid-request) must not lock the clock out.
  if (request.endpoint === 'cdata' && request.method === 'GET')
    return { ok: true, trust: 'serial', deliverKey: keys.pickup };
  // Until its first handshake takes the key, nothing has proved anything about this clock yet: it is
  // answered as a serial-only clock is (punches taken; no enrollment taken, nothing spread).
  return BY_SERIAL;
}

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

function sameBytes(x: Buffer, y: Buffer): boolean {
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function refuse(status: number, body: string): DeviceVerdict {
  const headers = status === 401 ? { 'www-authenticate': 'Bearer realm="iclock"' } : undefined;
  return { ok: false, status, body, ...(headers ? { headers } : {}) };
}
