// Preloaded (node --import) into a process a benchmark or a test starts as a user would (bin/timeclock.js):
// answers over the IPC channel "memory" with process.memoryUsage(), so that heap, external memory and
// array buffers can be told apart ("memory after gc": after a full collection, where node runs with
// --expose-gc), and "modules" with the CommonJS modules loaded so far. The product's
// code is not changed by it; the channel is unref'd so that the command ends as it would without it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

process.on('message', (message) => {
  if (message === 'memory after gc') globalThis.gc?.();
  if (message === 'memory' || message === 'memory after gc') process.send?.({ ...process.memoryUsage() });
  if (message === 'modules') process.send?.(Object.keys(require.cache));
});
process.channel?.unref();
