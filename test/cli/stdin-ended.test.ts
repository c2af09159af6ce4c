// A rig on the stdio bridge may say all it has and close stdin while the run is still starting (loading the
// LAN room, say): the run must still end then, not wait for an 'end' that was emitted before it listened.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { untilStdinEnds } from '../../src/cli/headless.js';
import type { RunIo } from '../../src/cli/run.js';

describe('a run whose stdio rig is done', () => {
  it('ends when stdin had already ended before the run waited for it', async () => {
    const stdin = new PassThrough();
    stdin.resume();
    stdin.end('{"id":1,"cmd":"hello"}\n');
    await once(stdin, 'end');

    await expect(untilStdinEnds({ stdin } as unknown as RunIo)).resolves.toBe(0);
  });

  it('ends when stdin ends later', async () => {
    const stdin = new PassThrough();
    stdin.resume();
    const ended = untilStdinEnds({ stdin } as unknown as RunIo);
    stdin.end();

    await expect(ended).resolves.toBe(0);
  });
});
