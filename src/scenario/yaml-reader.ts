// Reading a parsed YAML document field by field, so that every problem names the file, the line and
// column of the value at fault, its path, and what was expected there. The loader is written on this.
import fs from 'node:fs';
import { isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type YAMLError } from 'yaml';
import type { Row } from './examples.js';
import type { SourceRef } from './types.js';
import { TimeclockError, type ErrorCode } from '../errors.js';

/** A scenario file that cannot run: `timeclock scenario` exits with 2 and prints the message. */
export class ScenarioFileError extends TimeclockError<ErrorCode> {
  override name = 'ScenarioFileError';
  /** Marker, as serialport's `disconnected: true`: a bad file, not a failing scenario. */
  readonly badFile = true;
  constructor(
    readonly at: SourceRef,
    readonly problem: string,
    code: ErrorCode = 'TC_ERR_SCENARIO_FILE',
  ) {
    super(code, `${formatRef(at)}: ${problem}`);
  }
}

/** A YAML file's text; one that cannot be read is a bad file, reported as `BadFile` (a ScenarioFileError by default). */
export function readYamlText(
  file: string,
  BadFile: new (at: SourceRef, problem: string) => ScenarioFileError = ScenarioFileError,
): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new BadFile({ file, path: '' }, `cannot read the file: ${(error as Error).message}`);
  }
}

/** Where the parser found the file not to be YAML: its line and column, when the parser knows them. */
export function yamlErrorRef(file: string, error: YAMLError): SourceRef {
  const [pos] = error.linePos ?? [];
  return { file, path: '', ...(pos ? { line: pos.line, column: pos.col } : {}) };
}

/** `file:line:column (path)`, or `file (path)` when there is no text to point into. */
export function formatRef(at: SourceRef): string {
  const place = at.line === undefined ? at.file : `${at.file}:${at.line}:${at.column ?? 1}`;
  return at.path === '' ? place : `${place} (${at.path})`;
}

/** The file a document came from and how to turn an offset into a line and column. */
export class Source {
  constructor(
    readonly file: string,
    private readonly lines?: LineCounter,
    private readonly text?: string,
    /** The `examples:` row this document is read with: snippets show its values, not `${column}`. */
    private readonly row?: Row,
  ) {}

  /** The same file read with one row of `examples:`. */
  withRow(row: Row): Source {
    return new Source(this.file, this.lines, this.text, row);
  }

  error(node: unknown, problem: string, path = ''): ScenarioFileError {
    return new ScenarioFileError(this.ref(node, path), problem);
  }

  /** The node as written, on one line: how reports show a step. */
  snippet(node: unknown): string {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const written = this.text !== undefined && range ? this.text.slice(range[0], range[1]) : undefined;
    const raw = written ?? JSON.stringify((node as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null);
    // Comments at the ends of lines explain the file; a report line wants only the step.
    let line = raw
      .split('\n')
      .map((l) => l.replace(/\s+#\s.*$/, '').trim())
      .filter((l) => l !== '')
      .join(' ');
    const row = this.row;
    if (row) line = line.replace(/\$\{([^}]*)\}/g, (whole, key: string) => row.get(key)?.text ?? whole);
    return line.length > 120 ? `${line.slice(0, 117)}...` : line;
  }

  ref(node: unknown, path: string): SourceRef {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!this.lines || !range) return { file: this.file, path };
    const { line, col } = this.lines.linePos(range[0]);
    return { file: this.file, line, column: col, path };
  }
}

/** One value of the document, with where it is. */
export class Field {
  constructor(
    readonly source: Source,
    readonly node: unknown,
    readonly path: string,
  ) {}

  get ref(): SourceRef {
    return this.source.ref(this.node, this.path);
  }

  /** Throws a ScenarioFileError: `expected <what>, got <what is there>`. */
  expected(what: string): never {
    throw new ScenarioFileError(this.ref, `expected ${what}, got ${describe(this.node)}`);
  }

  fail(problem: string): never {
    throw new ScenarioFileError(this.ref, problem);
  }

  child(node: unknown, segment: string | number): Field {
    const path =
      typeof segment === 'number' ? `${this.path}[${segment}]` : this.path ? `${this.path}.${segment}` : segment;
    return new Field(this.source, node, path);
  }

  get isMap(): boolean {
    return isMap(this.node);
  }

  get isSeq(): boolean {
    return isSeq(this.node);
  }

  get isScalar(): boolean {
    return isScalar(this.node) && this.node.value !== null;
  }

  /** The plain JS value of a scalar (string, number, boolean), undefined for anything else. */
  get value(): unknown {
    return isScalar(this.node) ? this.node.value : undefined;
  }

  string(what = 'a non-empty string'): string {
    const value = this.value;
    if (typeof value !== 'string' || value === '') this.expected(what);
    return value;
  }

  /** A string or a number as written (`0012` stays `0012`): badges, cards, serial numbers. */
  text(what: string, pattern?: RegExp): string {
    const value = this.value;
    if (typeof value !== 'string' && typeof value !== 'number') this.expected(what);
    const source = (this.node as { source?: string }).source;
    const text = typeof value === 'number' && typeof source === 'string' ? source : String(value);
    if (pattern && !pattern.test(text)) this.expected(what);
    return text;
  }

  integer(min: number, max: number, what = `a whole number from ${min} to ${max}`): number {
    const value = this.value;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) this.expected(what);
    return value;
  }

  boolean(): boolean {
    const value = this.value;
    if (typeof value !== 'boolean') this.expected('true or false');
    return value;
  }

  oneOf<T extends string>(values: readonly T[]): T {
    const value = this.value;
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      this.expected(`one of ${values.join(', ')}`);
    }
    return value as T;
  }

  /** The items of a list; a single value where a list is allowed reads as a list of one when `single`. */
  items(what = 'a list', single = false): Field[] {
    if (isSeq(this.node)) return this.node.items.map((item, i) => this.child(item, i));
    if (single && this.node !== null && this.node !== undefined) return [this];
    return this.expected(what);
  }

  /**
   * The fields of a mapping, by key. A key not in `allowed` is an error at the key, listing the allowed
   * ones: a misspelt field must not be ignored silently.
   */
  entries(allowed: readonly string[], what: string): Map<string, Field> {
    if (!isMap(this.node)) this.expected(what);
    const fields = new Map<string, Field>();
    for (const pair of this.node.items) {
      if (!isPair(pair)) continue;
      const raw: unknown = isScalar(pair.key) ? pair.key.value : undefined;
      const keyField: Field = this.child(pair.key, String(raw));
      if (typeof raw !== 'string') keyField.expected('a field name');
      const key: string = raw;
      if (!allowed.includes(key)) {
        keyField.fail(`unknown key "${key}" in ${what}; expected one of: ${allowed.join(', ')}`);
      }
      fields.set(key, this.child(pair.value, key));
    }
    return fields;
  }

  /** Every key of a mapping, in order, with its value: for maps whose keys are names (groups). */
  pairs(what: string): { key: Field; value: Field; name: string }[] {
    if (!isMap(this.node)) this.expected(what);
    return this.node.items.filter(isPair).map((pair) => {
      const raw: unknown = isScalar(pair.key) ? pair.key.value : undefined;
      const key: Field = this.child(pair.key, String(raw));
      if (typeof raw !== 'string' || raw === '') key.expected('a name');
      const name: string = raw;
      return { key, value: this.child(pair.value, name), name };
    });
  }
}

/** What a value is, for `got …`: quoted text, a number, a mapping, a list, or nothing. */
export function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'nothing';
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  }
  return (node as Node).toString();
}

/** The required field of a mapping, or an error at the mapping naming the missing key. */
export function required(fields: Map<string, Field>, key: string, parent: Field, what: string): Field {
  const field = fields.get(key);
  if (field === undefined) parent.fail(`missing "${key}": ${what}`);
  return field;
}
