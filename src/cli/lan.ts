// `timeclock run --lan`: the LAN protocol listener for SDK clients, next to the cloud link and bridges.
import type { Writable } from 'node:stream';
import type { LanListener } from '../lan/index.js';
import type { Logger } from '../log.js';
import type { Clock } from '../runtime/index.js';
import { ConfigError, parseLanSpec } from './config.js';

export const DEFAULT_LAN_PORT = 4370;

/**
 * Starts the listener the spec asks for. By default loopback 4370, and when that port is taken a free one,
 * as the embedded cloud does: the banner says which, so that a script reading it finds the clock. A port
 * the user named must be free: taken, it is an error naming it.
 */
export async function startLan(
  spec: string,
  clock: Clock,
  logger: Logger,
  say: Writable,
): Promise<LanListener | undefined> {
  const parsed = parseLanSpec(spec);
  if (parsed === undefined) throw new ConfigError(`--lan ${spec}: must be off, a port, or HOST:PORT`);
  if (parsed === 'off') return undefined;
  const where = parsed === 'default' ? { host: '127.0.0.1', port: DEFAULT_LAN_PORT } : parsed;
  // Loaded for a clock that listens: `--lan off` (scripts, most tests) pays nothing for the protocol.
  const { startLanListener } = await import('../lan/index.js');
  try {
    const listener = await startLanListener({ clock, log: logger, ...where });
    say.write(`lan: SDKs (node-zklib, pyzk…) on ${listener.host}:${listener.port} (TCP and UDP)\n`);
    return listener;
  } catch (error) {
    const message = (error as Error).message;
    if (parsed !== 'default') throw new ConfigError(`--lan ${spec}: ${message}`);
    const listener = await startLanListener({ clock, log: logger, host: where.host, port: 0 });
    logger.warn(
      { taken: where.port, port: listener.port },
      `LAN port ${where.port} is taken: listening on ${listener.port}`,
    );
    say.write(
      `lan: SDKs (node-zklib, pyzk…) on ${listener.host}:${listener.port} (TCP and UDP; ${where.port} is taken, --lan PORT picks one)\n`,
    );
    return listener;
  }
}
