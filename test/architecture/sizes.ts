// The sizes the house keeps (a file about 300 lines at most, a function under 80), measured with the
// TypeScript compiler's own parser so that every function, arrow, method and accessor is found.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 80;

export interface Span {
  file: string;
  name: string;
  line: number;
  /** From its first line to its last. */
  lines: number;
  /** Its lines less those of the functions written inside it (a factory of small closures is not long). */
  ownLines: number;
}

/** The source files below `dirs` (relative to `root`): .ts and .tsx, tests and declarations left out. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !/\.(test|d)\.tsx?$/.test(f) && !f.includes('node_modules'))
      .map((f) => path.join(dir, f).split(path.sep).join('/')),
  );
}

export function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Every function-like node of a file with its length in lines, from its first line to its last. */
export function functionSpans(file: string, text: string): Span[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const spans: Span[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  // Returns the lines of the functions found below `node`, outermost ones only, for the parent's own count.
  const visit = (node: ts.Node): number => {
    let inner = 0;
    ts.forEachChild(node, (child) => {
      inner += visit(child);
    });
    if (!(ts.isFunctionLike(node) && 'body' in node && node.body)) return inner;
    const first = lineOf(node.getStart(source));
    const lines = lineOf(node.getEnd()) - first + 1;
    spans.push({ file, name: nameOf(node), line: first + 1, lines, ownLines: lines - inner });
    return lines;
  };
  visit(source);
  return spans;
}

/** The name a reader would look for: the function's own, or the variable or property it is given to. */
function nameOf(node: ts.Node): string {
  const own = (node as { name?: ts.Node }).name;
  if (own && (ts.isIdentifier(own) || ts.isStringLiteral(own))) return own.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isCallExpression(parent)) return `(argument of ${parent.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}
