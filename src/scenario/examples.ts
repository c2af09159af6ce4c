// One scenario over a table of inputs: `examples:` rows, each run as its own scenario with `${column}`
// replaced in every value of the document (names, steps, expectations) and of the files it includes.
import { isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Field, Source } from './yaml-reader.js';

/** One row of `examples:`: the column's value as written (`0012` stays `0012`), and its type. */
export type Row = ReadonlyMap<string, { text: string; value: unknown }>;

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** The rows of `examples:`, each a mapping of column names to plain values. */
export function readRows(field: Field): Row[] {
  const items = field.items('a list of rows, each a mapping such as { badge: 1001, mode: card }');
  if (items.length === 0) field.expected('at least one row');
  const rows = items.map((item) => {
    const row = new Map<string, { text: string; value: unknown }>();
    for (const { name, value } of item.pairs('a row: a mapping of column names to values')) {
      if (!/^[A-Za-z_][\w-]*$/.test(name)) value.fail(`column "${name}": a name of letters, digits, _ and -`);
      if (!value.isScalar) value.expected('a plain value (text, number or true/false)');
      const source = (value.node as { source?: string }).source;
      const text = typeof value.value === 'number' && typeof source === 'string' ? source : String(value.value);
      row.set(name, { text, value: value.value });
    }
    return row;
  });
  return rows;
}

/** `Check in by card (badge=1001, mode=card)` unless the name places the values itself. */
export function rowName(name: string, row: Row, placed: boolean): string {
  if (placed) return name;
  return `${name} (${[...row].map(([k, v]) => `${k}=${v.text}`).join(', ')})`;
}

/** Replaces `${column}` in a text; an unknown column is reported through `fail`. */
export function substituteText(text: string, row: Row, fail: (problem: string) => never): string {
  return text.replace(PLACEHOLDER, (_, key: string) => {
    const cell = row.get(key);
    if (cell === undefined) fail(`\${${key}} is not a column of examples: (${[...row.keys()].join(', ')})`);
    return cell.text;
  });
}

/**
 * A copy of the node with every placeholder replaced. A scalar that is exactly `${column}` takes the
 * cell's value and type (a number stays a number); the copy keeps the positions for file:line.
 */
export function substituteRow(node: unknown, row: Row, source: Source): unknown {
  if (isScalar(node)) {
    if (typeof node.value !== 'string' || !node.value.includes('${')) return node;
    const fail = (problem: string): never => {
      throw source.error(node, problem);
    };
    const whole = /^\$\{([^}]*)\}$/.exec(node.value);
    const copy = new Scalar<unknown>(node.value);
    copy.range = node.range;
    const cell = whole ? row.get(whole[1]!) : undefined;
    if (cell) {
      copy.value = cell.value;
      (copy as { source?: string }).source = cell.text;
    } else copy.value = substituteText(node.value, row, fail);
    return copy;
  }
  if (isMap(node) || isSeq(node)) {
    const copy = node.clone();
    copy.items = node.items.map((item: unknown) => {
      if (!isPair(item)) return substituteRow(item, row, source);
      const pair = item.clone();
      pair.value = substituteRow(item.value, row, source);
      return pair;
    }) as typeof copy.items;
    return copy;
  }
  return node;
}
