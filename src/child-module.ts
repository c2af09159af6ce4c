// A module that runs in a child process of its own (a scenario worker, the fleet's cloud), found beside
// the module that forks it however the code runs: TypeScript sources (through tsx), the compiled dist/
// (.js), or the esbuild bundle of a checkout (.mjs), which holds each such module as an entry of its own.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ChildModule {
  path: string;
  execArgv: string[];
}

/** `name` (no extension) beside the module at `selfUrl`, with what node needs to run it. */
export function childModule(selfUrl: string, name: string): ChildModule {
  const self = fileURLToPath(selfUrl);
  const extension = path.extname(self);
  return {
    path: path.join(path.dirname(self), `${name}${extension}`),
    execArgv: extension === '.ts' ? ['--import', import.meta.resolve('tsx')] : [],
  };
}
