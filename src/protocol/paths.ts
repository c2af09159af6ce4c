// The PUSH endpoints and the query strings of their URLs. Clocks put raw commas, colons and spaces in
// query values (`INFO=Ver 6.60,12,…`), so parsing is lenient and formatting escapes only what it must.

export const PUSH_PATHS = {
  cdata: '/iclock/cdata',
  getrequest: '/iclock/getrequest',
  devicecmd: '/iclock/devicecmd',
  ping: '/iclock/ping',
} as const;

export type PushEndpoint = keyof typeof PUSH_PATHS;

/** The protocol version the simulator speaks (`pushver=` of the handshake). */
export const PUSH_VERSION = '2.4.1';

/** Every PUSH body is plain text; servers in the wild accept nothing fancier. */
export const PUSH_CONTENT_TYPE = 'text/plain;charset=UTF-8';

export type Query = Record<string, string>;

/** `a=1&b=2` (with or without a leading `?`) into pairs; the first of a repeated key wins. Never throws. */
export function parseQuery(search: string): Query {
  const query: Query = {};
  const text = search.startsWith('?') ? search.slice(1) : search;
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = decodeLenient(eq < 0 ? piece : piece.slice(0, eq));
    const value = eq < 0 ? '' : decodeLenient(piece.slice(eq + 1));
    if (key === '' || Object.hasOwn(query, key)) continue;
    // A plain assignment keeps the object fast; `__proto__` alone needs defining to be a key like others.
    if (key === '__proto__') Object.defineProperty(query, key, enumerable(value));
    else query[key] = value;
  }
  return query;
}

/** The value of a query key in any case (`SN`, `sn`); servers and clocks differ. */
export function queryValue(query: Query, key: string): string | undefined {
  if (Object.hasOwn(query, key)) return query[key];
  // Another spelling of the key: only names of its length are folded (a poll's query has none: no array, no string).
  const folded = key.toLowerCase();
  for (const name in query) {
    if (name.length === key.length && Object.hasOwn(query, name) && name.toLowerCase() === folded) return query[name];
  }
  return undefined;
}

/** `SN=TC1A000001&table=ATTLOG`, keys in the order given; commas, colons and dots stay readable. */
export function formatQuery(query: Query): string {
  return Object.entries(query)
    .map(([key, value]) => `${encodeReadable(key)}=${encodeReadable(value)}`)
    .join('&');
}

/** A path with its query: `/iclock/cdata?SN=…`. */
export function pushUrl(path: string, query: Query = {}): string {
  const search = formatQuery(query);
  return search === '' ? path : `${path}?${search}`;
}

/** Splits `/iclock/cdata?SN=…` into its path and query. */
export function splitUrl(url: string): { path: string; query: Query } {
  const at = url.indexOf('?');
  return at < 0 ? { path: url, query: {} } : { path: url.slice(0, at), query: parseQuery(url.slice(at + 1)) };
}

function encodeReadable(text: string): string {
  return encodeURIComponent(text).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
}

/** `+` is a space and a broken `%` escape stays as sent: a clock's URL is never rejected for its encoding. */
function decodeLenient(text: string): string {
  // Most keys and values of a clock's query (SN=TC1A000001) have nothing to decode.
  if (!text.includes('%') && !text.includes('+')) return text;
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

function enumerable(value: string): PropertyDescriptor {
  return { value, enumerable: true, writable: true, configurable: true };
}
