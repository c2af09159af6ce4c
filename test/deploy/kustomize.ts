// A small Kustomize renderer for the tests, limited to what deploy/kubernetes uses: a kustomization's
// resources (files or other kustomizations) and patches by path, each a strategic-merge patch of the
// object of its kind and name. Anything else in a kustomization, or a patch's directive, is refused
// rather than ignored, so the tests never pass on a rendering kustomize would not give; where kubectl is
// installed, the tests compare this rendering with `kubectl kustomize`.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEPLOY, readObjects, type KubeObject } from './manifests.js';

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  patches?: { path?: string; target?: unknown; patch?: string }[];
}

/** The fields of a kustomization this renderer does; another one is an error, not a silent no-op. */
const FIELDS = new Set(['apiVersion', 'kind', 'resources', 'patches']);

/** Lists Kubernetes' strategic merge merges by a key (the rest a patch replaces whole). */
const MERGE_KEYS: Record<string, string> = { containers: 'name', initContainers: 'name', env: 'name', volumes: 'name' };

/** The objects of the kustomization in `dir`, patched, each with the file it came from. */
export function render(dir: string): KubeObject[] {
  const file = path.join(dir, 'kustomization.yaml');
  const where = path.relative(DEPLOY, file);
  const kustomization = parse(fs.readFileSync(file, 'utf8')) as Kustomization;
  for (const field of Object.keys(kustomization))
    if (!FIELDS.has(field)) throw new Error(`${where}: ${field} is not something this test's renderer does`);

  const objects = (kustomization.resources ?? []).flatMap((resource) => {
    const target = path.resolve(dir, resource);
    return fs.statSync(target).isDirectory() ? render(target) : readObjects([target]);
  });
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o.kind} ${o.metadata.name}`;
    if (seen.has(id)) throw new Error(`${where}: ${id} twice`);
    seen.add(id);
  }

  for (const patch of kustomization.patches ?? []) {
    if (patch.path === undefined || patch.target !== undefined || patch.patch !== undefined)
      throw new Error(`${where}: only patches by path, targeting by their own kind and name, are rendered here`);
    for (const doc of readObjects([path.resolve(dir, patch.path)])) {
      const index = objects.findIndex((o) => o.kind === doc.kind && o.metadata.name === doc.metadata.name);
      if (index < 0)
        throw new Error(`${doc.file}: patches ${doc.kind} ${doc.metadata.name}, which ${where} does not have`);
      const { file: _patchFile, ...change } = doc;
      objects[index] = { ...(strategicMerge(objects[index], change, '') as KubeObject), file: objects[index]!.file };
    }
  }
  return objects;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `patch` over `base`: maps merge key by key, a null deletes, lists of MERGE_KEYS merge item by item. */
function strategicMerge(base: unknown, patch: unknown, field: string): unknown {
  if (Array.isArray(patch)) {
    const key = MERGE_KEYS[field];
    if (key === undefined || !Array.isArray(base)) return patch;
    // As kustomize 5 orders them: the patch's items first, in its order, then the base's others.
    const items = base as Record<string, unknown>[];
    const patched = (patch as Record<string, unknown>[]).map((item) => {
      const match = items.find((b) => b[key] === item[key]);
      return match === undefined ? item : (strategicMerge(match, item, '') as Record<string, unknown>);
    });
    const named = new Set(patched.map((item) => item[key]));
    return [...patched, ...items.filter((b) => !named.has(b[key]))];
  }
  if (!isMap(patch) || !isMap(base)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [name, value] of Object.entries(patch)) {
    // $patch, $retainKeys, $setElementOrder…: kustomize would act on them; this renderer does not.
    if (name.startsWith('$')) throw new Error(`the patch directive ${name} is not something this test's renderer does`);
    if (value === null) delete merged[name];
    else merged[name] = strategicMerge(base[name], value, name);
  }
  return merged;
}

/** The overlays of deploy/kubernetes, by name. */
export const OVERLAYS = fs.readdirSync(path.join(DEPLOY, 'overlays')).sort();
