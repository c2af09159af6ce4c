// Loaded with `node --import` into a `timeclock` process under test: writes the name of every package the
// process loads, one a line, to the file IMPORT_LOG names — those imported (an ESM resolve hook, which runs
// on a thread of its own) and those required (Module._load, here on the main thread). Packages only, not
// their own files: what a test asks is which libraries a command paid for.
import fs from 'node:fs';
import Module, { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const file = process.env.IMPORT_LOG;

/** `fastify` for `fastify`, `@fastify/cookie` for `@fastify/cookie/x`; undefined for a relative path or node's own. */
function packageOf(specifier) {
  if (/^(\.|\/|file:|node:|data:)/.test(specifier) || !/^[@a-z]/.test(specifier)) return undefined;
  if (Module.isBuiltin(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function initialize() {}

export async function resolve(specifier, context, next) {
  const name = packageOf(specifier);
  if (name && file) fs.appendFileSync(file, `${name}\n`);
  return next(specifier, context);
}

// The hooks' own thread loads this file too: it only resolves.
if (file && isMainThread) {
  register(import.meta.url);
  const load = Module._load;
  Module._load = function recordedLoad(request, ...rest) {
    const name = packageOf(request);
    if (name) fs.appendFileSync(file, `${name}\n`);
    return load.call(this, request, ...rest);
  };
}
