// Preloaded (node --import) into a process a benchmark or a test starts as a user would (bin/timeclock.js):
// answers over the IPC channel "memory" with process.memoryUsage(), so that heap, external memory and
// array buffers can be told apart, and "modules" with the CommonJS modules loaded so far. The product's
// code is not changed by it; the channel is unref'd so that the command ends as it would without it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

process.on('message', (message) => {
  if (message === 'memory') process.send?.({ ...process.memoryUsage() });
  if (message === 'modules') process.send?.(Object.keys(require.cache));
});
process.channel?.unref();
