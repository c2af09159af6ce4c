// `timeclock run`'s cloud link as the CLI tests open it: in memory (no data folder), with a silent
// logger, the embedded cloud on any free port.
import { connectCloud, type CloudLink } from '../../src/cli/cloud-link.js';
import { createLogger } from '../../src/log.js';
import type { Clock } from '../../src/runtime/index.js';

/** `target`: `embedded`, `none` or a server's URL; `demo`: whether the embedded cloud seeds its company. */
export function connectInMemory(clock: Clock, target: string, demo: boolean): Promise<CloudLink> {
  const port = target === 'embedded' ? { port: 0 } : {};
  return connectCloud(clock, {
    target,
    dataDir: '',
    memory: true,
    demo,
    logger: createLogger({ level: 'silent' }),
    ...port,
  });
}
