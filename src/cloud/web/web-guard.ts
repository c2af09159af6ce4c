// What every portal page and API call passes before it is served: the Host header names this server
// (no DNS rebinding), a write comes from this server's own pages (no cross-site form or fetch), and the
// caller is someone: a session's account or an API token's.
import type { FastifyReply, FastifyRequest } from 'fastify';
import crypto from 'node:crypto';
import { isIP } from 'node:net';
import type { Accounts, Identity } from '../domain/index.js';

export interface GuardOptions {
  /** Host names (without port) accepted besides IP literals and localhost: the names people reach the cloud by. */
  allowedHosts: readonly string[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The name in a Host header, without its port; IPv6 literals lose their brackets. */
export function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return (colon < 0 ? host : host.slice(0, colon)).toLowerCase();
}

/** IP literals cannot be rebound; names must be ones this cloud was told it is reached by. */
export function hostAllowed(host: string | undefined, options: GuardOptions): boolean {
  if (host === undefined || host === '') return false;
  const name = hostName(host);
  return isIP(name) !== 0 || name === 'localhost' || options.allowedHosts.includes(name);
}

/**
 * A write is refused when the browser says it comes from another site: an Origin that is not this
 * host, or Sec-Fetch-Site cross-site. Scripts send neither and are judged by their token.
 */
export function crossSiteWrite(request: FastifyRequest): string | undefined {
  if (SAFE_METHODS.has(request.method)) return undefined;
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return `a ${site} request may not change anything here`;
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `the Origin ${origin} is not a URL`;
  }
  return originHost === request.headers.host ? undefined : `a request from ${origin} may not change anything here`;
}

/** Host and Origin checks as an onRequest hook; answers 421 / 403 itself. */
export function guardHook(options: GuardOptions) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!hostAllowed(request.headers.host, options)) {
      return refuse(reply, 421, `this server does not answer for the host ${request.headers.host ?? '(none)'}`);
    }
    const crossSite = crossSiteWrite(request);
    if (crossSite !== undefined) return refuse(reply, 403, crossSite);
  };
}

/** The name the cloud's configured token (`--token`) goes by, as an account and in the audit log. */
export const CONFIGURED_TOKEN = '(configured token)';

/** The caller of an API request: a bearer token (an issued one, or the cloud's configured one), else the session. */
export function identify(
  request: FastifyRequest,
  accounts: Accounts,
  configuredToken: string | undefined,
): Identity | undefined {
  const auth = request.headers.authorization;
  if (auth !== undefined) {
    const token = /^Bearer (\S+)$/i.exec(auth)?.[1];
    if (token === undefined) return undefined;
    if (configuredToken !== undefined && configuredToken !== '' && sameSecret(token, configuredToken)) {
      return { username: CONFIGURED_TOKEN, role: 'sysadmin', token: CONFIGURED_TOKEN };
    }
    return accounts.byToken(token);
  }
  return sessionIdentity(request, accounts);
}

/** Compared by digest in constant time: the answer's timing says nothing of how much of the token was right. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => crypto.createHash('sha256').update(text).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

export function sessionIdentity(request: FastifyRequest, accounts: Accounts): Identity | undefined {
  const username = (request.session as { username?: unknown } | undefined)?.username;
  return typeof username === 'string' ? accounts.identity(username) : undefined;
}

function refuse(reply: FastifyReply, status: number, message: string): FastifyReply {
  const wantsJson = reply.request.url.startsWith('/api');
  return wantsJson
    ? reply.code(status).send({ error: message })
    : reply.code(status).type('text/plain; charset=utf-8').send(`${message}\n`);
}
