// A portal on loopback for page tests: a cloud with virtual time, a SysAdmin and a read-only account of
// known passwords, and a small HTTP client that keeps the session cookie and reads CSRF tokens from pages.
import { createCloud, type Cloud, type CloudOptions } from '../../src/cloud/index.js';
import { closeAfterEach } from '../fixtures/after-each.js';

export const START = Date.UTC(2026, 10, 25, 8, 0, 0);
export const SYSADMIN = { username: 'sysadmin', password: 'correct-horse-battery' };
export const READER = { username: 'reader', password: 'reader-password-1' };

export interface Portal {
  cloud: Cloud;
  url: string;
  time: { now: number };
  /** A client with its own cookie jar; sign it in with signIn(). */
  client(): PortalClient;
}

export async function startPortal(options: CloudOptions = {}): Promise<Portal> {
  const time = { now: START };
  const cloud = createCloud({ now: () => time.now, autoRegister: true, ...options });
  closeAfterEach(() => cloud.close());
  cloud.accounts.add(SYSADMIN.username, 'sysadmin', SYSADMIN.password);
  cloud.accounts.add(READER.username, 'readonly', READER.password);
  const { url } = await cloud.listen();
  return { cloud, url, time, client: () => new PortalClient(url) };
}

/** The fragments a page's HTML does not contain: `[]` when it has them all, else each one it lacks. */
export function missingFrom(html: string, fragments: readonly string[]): string[] {
  return fragments.filter((fragment) => !html.includes(fragment));
}

export interface PageReply {
  status: number;
  location: string | undefined;
  html: string;
  headers: Headers;
}

/** fetch with a cookie jar, no redirects followed (tests look at them), and forms posted as a browser would. */
export class PortalClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly url: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<PageReply> {
    return this.send('GET', path, undefined, headers);
  }

  /** Posts a form; `_csrf` is taken from the page at `from` unless given. */
  async post(path: string, form: Record<string, string | string[]>, from?: string): Promise<PageReply> {
    const fields = { ...form };
    if (fields._csrf === undefined) fields._csrf = await this.csrf(from ?? path);
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    return this.send('POST', path, body.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      origin: this.url,
    });
  }

  async signIn(account: { username: string; password: string } = SYSADMIN): Promise<PageReply> {
    const reply = await this.post('/signin', { ...account, next: '/employees' }, '/signin');
    if (reply.status !== 303) throw new Error(`sign-in failed with ${reply.status}: ${reply.html.slice(0, 300)}`);
    return reply;
  }

  /** The CSRF token of the first form on a page. */
  async csrf(path: string): Promise<string> {
    const page = await this.get(path);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1];
    if (token === undefined) throw new Error(`no CSRF token on ${path} (status ${page.status})`);
    return token;
  }

  /** The Cookie header this client sends (for requests made without it, such as a live stream). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<PageReply> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      redirect: 'manual',
      headers: { cookie: this.cookieHeader(), ...headers },
      ...(body === undefined ? {} : { body }),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return {
      status: res.status,
      location: res.headers.get('location') ?? undefined,
      html: await res.text(),
      headers: res.headers,
    };
  }
}
