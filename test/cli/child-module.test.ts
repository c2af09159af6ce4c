import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { childModule } from '../../src/child-module.js';

const at = (file: string) => pathToFileURL(path.resolve(file)).href;

describe('a module run in a child process', () => {
  it('is the TypeScript source beside the sources, run through tsx', () => {
    const child = childModule(at('src/scenario/pool.ts'), 'worker');

    expect(child.path).toBe(path.resolve('src/scenario/worker.ts'));
    expect(child.execArgv).toEqual(['--import', expect.stringContaining('tsx')]);
  });

  it('is the compiled module beside dist/ code, and the bundle entry beside a checkout’s bundle, run as they are', () => {
    expect(childModule(at('dist/src/fleet/fleet-cloud.js'), 'cloud-child')).toEqual({
      path: path.resolve('dist/src/fleet/cloud-child.js'),
      execArgv: [],
    });
    expect(childModule(at('node_modules/.cache/timeclock/bundle-1/cli.mjs'), 'worker')).toEqual({
      path: path.resolve('node_modules/.cache/timeclock/bundle-1/worker.mjs'),
      execArgv: [],
    });
  });
});
