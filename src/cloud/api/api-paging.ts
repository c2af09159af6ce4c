// Paged lists of the API: a list answers one page (a default size, a maximum), and a full page carries
// `Link: <…>; rel="next"` (RFC 8288, as GitHub's API does) to the page after it. The body stays the list
// itself, so a script that read a short list before reads it the same way now.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SERIAL } from './api-schemas.js';

export const PAGE_SIZE = { default: 100, max: 1_000 } as const;

/** `?limit=&after=` of a list keyed by serial number. */
export const clocksPageQuery = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: PAGE_SIZE.max, description: `1–${PAGE_SIZE.max} (default 100)` },
    after: { ...SERIAL, description: 'the serial number the page starts after' },
  },
};

/**
 * When `page` is full, links the next page: the request's own path and query with `changes` applied.
 * A page shorter than `limit` is the last one and links nothing.
 */
export function linkNext(
  request: FastifyRequest,
  reply: FastifyReply,
  page: readonly unknown[],
  limit: number,
  changes: Record<string, string | number>,
): void {
  if (page.length < limit) return;
  const url = new URL(request.url, 'http://cloud.invalid');
  for (const [key, value] of Object.entries(changes)) url.searchParams.set(key, String(value));
  reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
}
