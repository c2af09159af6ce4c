// Lint rule: another room only through its index.ts. A room is `firmware/` or a folder directly under
// `src/`; the files directly in `src/` (the package's entry, the logger) are a room of their own. An
// import or re-export that lands in another room must name that room's index.
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The room a repository path belongs to, or undefined outside firmware/ and src/. */
function roomOf(file) {
  const parts = path.relative(root, file).split(path.sep);
  if (parts[0] === 'firmware') return 'firmware';
  if (parts[0] !== 'src') return undefined;
  return parts.length > 2 ? `src/${parts[1]}` : 'src';
}

function check(context, node) {
  const spec = node.source?.value;
  if (typeof spec !== 'string' || !spec.startsWith('.')) return;
  const file = context.filename;
  const from = roomOf(file);
  const target = path.resolve(path.dirname(file), spec);
  const to = roomOf(target);
  if (!from || !to || from === to || to === 'src') return;
  const index = path.join(root, to, 'index');
  if (target.replace(/\.(js|ts|tsx)$/, '') === index || target === path.join(root, to)) return;
  context.report({ node: node.source, messageId: 'wall', data: { to } });
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
      create: (context) => ({
        ImportDeclaration: (node) => check(context, node),
        ExportNamedDeclaration: (node) => check(context, node),
        ExportAllDeclaration: (node) => check(context, node),
        ImportExpression: (node) => check(context, node),
      }),
    },
  },
};
