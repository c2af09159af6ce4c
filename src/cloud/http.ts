// The cloud's socket as its callers see it: where it listens, and how to close it (dropping open
// connections, held ones too).
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';

export interface Listener {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Stops accepting, drops open connections (held ones too) and waits for the server to close. */
  close(): Promise<void>;
}

/** The listener of a fastify instance that listens; `closed` runs once it has closed. */
export function listening(app: FastifyInstance, closed: () => void): Listener {
  const address = app.server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    host: address.address,
    port: address.port,
    url: `${app.initialConfig.https ? 'https' : 'http'}://${urlHost}:${address.port}`,
    close: async () => {
      await app.close();
      closed();
    },
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::ffff:127.0.0.1';
}

/** The server listening at host:port; `closed` runs when it stops (go-away closes the fastify instance). */
export async function startListening(
  server: () => Promise<FastifyInstance>,
  host: string,
  port: number,
  closed: () => void,
): Promise<Listener> {
  const instance = await server();
  await instance.listen({ host, port });
  return listening(instance, closed);
}
