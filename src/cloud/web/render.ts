// Pages are preact components rendered to a string on the server: JSX escapes every value it is given,
// so no page builds HTML by concatenation.
import type { FastifyReply } from 'fastify';
import { createContext, h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

declare module 'fastify' {
  interface FastifyRequest {
    /** The clock face's page and serial number, when this portal has one (PortalFace). */
    clockFace?: { href: string; sn: string };
  }
}

/** What the layout and the clock's page link to besides the sections: the clock's face, when there is one. */
export const ClockFaceLink = createContext<{ href: string; sn: string } | undefined>(undefined);

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>\n${renderToString(h(ClockFaceLink.Provider, { value: reply.request.clockFace }, page))}`);
}

/** A piece of a page (no document around it), for the script to put into an open page. */
export function sendFragment(reply: FastifyReply, piece: VNode): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderToString(piece));
}
