// Lint rules of the walls. `through-index`: another room only through its index.ts. A room is `firmware/`
// or a folder directly under `src/`; the files directly in `src/` (the package's entry, the logger) are a
// room of their own. Inside `src/cloud/` the layers (db, domain, push, api, web) are rooms too, and the
// cloud's own top files (the wiring, types.ts) are their hall, open to them. `cloud-layers`: the cloud's
// faces (push, api, web) reach data only through the domain, and no layer reaches up (docs/architecture.md).
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The cloud's layer a repository path lies in (db, domain, push, api, web), if any. */
function cloudLayerOf(file) {
  const parts = path.relative(root, file).split(path.sep);
  return parts[0] === 'src' && parts[1] === 'cloud' && parts.length > 3 ? parts[2] : undefined;
}

/** The room a repository path belongs to as seen from `viewer`, or undefined outside firmware/ and src/. */
function roomOf(file, viewer) {
  const parts = path.relative(root, file).split(path.sep);
  if (parts[0] === 'firmware') return 'firmware';
  if (parts[0] !== 'src') return undefined;
  // The cloud's layers are rooms to each other; from outside, the cloud is one room.
  const layer = cloudLayerOf(file);
  if (layer !== undefined && path.relative(root, viewer).startsWith(`src${path.sep}cloud${path.sep}`))
    return `src/cloud/${layer}`;
  return parts.length > 2 ? `src/${parts[1]}` : 'src';
}

/** The relative import or re-export a node makes, resolved, or undefined. */
function targetOf(context, node) {
  const spec = node.source?.value;
  if (typeof spec !== 'string' || !spec.startsWith('.')) return undefined;
  return path.resolve(path.dirname(context.filename), spec);
}

function checkIndex(context, node) {
  const target = targetOf(context, node);
  if (target === undefined) return;
  const file = context.filename;
  const from = roomOf(file, file);
  const to = roomOf(target, file);
  if (!from || !to || from === to || to === 'src') return;
  if (to === 'src/cloud' && from.startsWith('src/cloud/')) return;
  const index = path.join(root, to, 'index');
  if (target.replace(/\.(js|ts|tsx)$/, '') === index || target === path.join(root, to)) return;
  context.report({ node: node.source, messageId: 'wall', data: { to } });
}

/** What each layer of the cloud may not import: the faces not the database, and nothing upwards. */
export const CLOUD_LAYER_BANS = {
  db: ['domain', 'push', 'api', 'web'],
  domain: ['push', 'api', 'web'],
  push: ['db'],
  api: ['db'],
  web: ['db'],
};

function checkLayer(context, node) {
  const target = targetOf(context, node);
  if (target === undefined) return;
  const from = cloudLayerOf(context.filename);
  const to = cloudLayerOf(target);
  if (from === undefined || to === undefined || !CLOUD_LAYER_BANS[from]?.includes(to)) return;
  const messageId = to === 'db' ? 'database' : 'upwards';
  context.report({ node: node.source, messageId, data: { from, to } });
}

/** A rule that runs `check` on every import, re-export and dynamic import. */
function onImports(check) {
  return (context) => ({
    ImportDeclaration: (node) => check(context, node),
    ExportNamedDeclaration: (node) => check(context, node),
    ExportAllDeclaration: (node) => check(context, node),
    ImportExpression: (node) => check(context, node),
  });
}

export default {
  rules: {
    'through-index': {
      meta: {
        type: 'problem',
        docs: { description: 'another room only through its index.ts' },
        messages: { wall: 'reach {{to}}/ only through {{to}}/index.ts (export the name there if it is missing)' },
        schema: [],
      },
      create: onImports(checkIndex),
    },
    'cloud-layers': {
      meta: {
        type: 'problem',
        docs: { description: 'the cloud’s faces reach data only through the domain; no layer reaches up' },
        messages: {
          database:
            'cloud/{{from}}/ reaches data only through cloud/domain/, never cloud/db/ (give the domain the operation)',
          upwards: 'cloud/{{from}}/ is below cloud/{{to}}/ and may not import it',
        },
        schema: [],
      },
      create: onImports(checkLayer),
    },
  },
};
