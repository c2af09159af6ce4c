// Listening on loopback at a port of our choosing, moving to a free one when another program holds it:
// a default port is a convenience, so losing it is no error; a port the user named is theirs to hear about.
// The embedded cloud and the face page both listen this way.
import { codedError, type ErrorCode } from './errors.js';

export interface LoopbackServer {
  listen(options: { host: string; port: number }): Promise<unknown>;
  close(): Promise<unknown>;
}

export interface LoopbackPort {
  /** The port the user asked for, if any: never swapped for another. */
  requested?: number;
  /** The port to try when none was asked for. */
  fallback: number;
  /** The code and the words that name the port in the error when it cannot be had. */
  code: ErrorCode;
  what: string;
}

/**
 * Listens on 127.0.0.1; returns the default port when it was taken and a free one was used instead.
 * The server is closed before a refusal is thrown, so nothing is left half-open.
 */
export async function listenOnLoopback(server: LoopbackServer, port: LoopbackPort): Promise<{ taken?: number }> {
  const wanted = port.requested ?? port.fallback;
  try {
    await server.listen({ host: '127.0.0.1', port: wanted });
    return {};
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port.requested !== undefined) {
      await server.close();
      throw codedError(port.code, `${port.what} ${wanted}: ${(error as Error).message}`, { cause: error });
    }
  }
  await server.listen({ host: '127.0.0.1', port: 0 });
  return { taken: wanted };
}
