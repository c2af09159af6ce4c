// Who may drive the clock over the control protocol. On loopback, anyone on this machine, as before; off
// loopback the listener needs a token, and a client must present it in its first line,
// `{"cmd":"auth","token":"…"}`, or be refused. See "Control protocol" in README.md.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { parseTcpPath } from './stream-endpoints.js';
import type { BridgeSpec } from './types.js';

/** Shorter tokens can be guessed by a script on the network in an afternoon. */
export const MIN_TOKEN_LENGTH = 16;

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** The control bridge's spec check: a listener off loopback without a token is refused before it starts. */
export function checkControlSpec(
  path: string,
  options: BridgeSpec['options'],
): { part: string; problem: string } | undefined {
  const token = String(options.token ?? '');
  if (token !== '' && token.length < MIN_TOKEN_LENGTH) {
    return { part: 'option "token"', problem: `must be at least ${MIN_TOKEN_LENGTH} characters` };
  }
  const tcp = path.startsWith('tcp:') ? parseTcpPath(path) : undefined;
  if (tcp === undefined || typeof tcp === 'string' || isLoopbackHost(tcp.host) || token !== '') return undefined;
  return {
    part: 'option "token"',
    problem:
      `is needed to listen off loopback (${tcp.host}): anyone who reaches the port could punch and change ` +
      'the clock. Add ,token=SECRET (16 characters or more) and have clients send {"cmd":"auth","token":"SECRET"} first',
  };
}

/** Compares in constant time: how long a refusal takes says nothing about the token. */
export function tokenMatches(expected: string, given: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}
