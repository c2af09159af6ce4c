// The cloud's errors have stable codes: every error src/cloud/ throws, rejects with or sends is one made by
// createError in src/cloud/errors.ts (a TC_ERR_… code and its HTTP status), each code is listed under
// "## Cloud" in docs/errors.md, and the API's answers carry the code beside the message — in-process, and
// from `timeclock cloud` started as users start it (its own process, real HTTP).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CLOUD_ERRORS } from '../../src/cloud/errors.js';
import { closeAfterEach } from '../fixtures/after-each.js';
import { cloudProcess } from '../fixtures/cloud-process.js';
import { startCloud } from './harness.js';

const root = path.resolve(import.meta.dirname, '../..');
const BUILT_IN = new Set([
  'Error',
  'RangeError',
  'TypeError',
  'SyntaxError',
  'ReferenceError',
  'EvalError',
  'URIError',
]);
/** Errors of other rooms the cloud passes on; their codes are those rooms' (the store's open errors). */
const FOREIGN = ['StoreOpenError'];

function cloudFiles(dir = path.join(root, 'src/cloud')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? cloudFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every place a file makes a built-in error, extends one, or throws something not made by a known constructor. */
function findings(file: string): { plain: string[]; thrown: Set<string> } {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const plain: string[] = [];
  const thrown = new Set<string>();
  const where = (node: ts.Node) =>
    `${path.relative(root, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && BUILT_IN.has(node.expression.text))
      plain.push(`${where(node)} new ${node.expression.text}`);
    if (ts.isHeritageClause(node) && node.types.some((t) => BUILT_IN.has(t.expression.getText(sf))))
      plain.push(`${where(node)} extends a built-in error`);
    if (ts.isThrowStatement(node)) {
      const e = node.expression;
      if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) thrown.add(e.expression.text);
      else if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) thrown.add(`${e.expression.text}()`);
      else if (!ts.isIdentifier(e)) plain.push(`${where(node)} throws ${e.getText(sf).slice(0, 40)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { plain, thrown };
}

describe('the cloud’s errors', () => {
  it('are all made by createError with a TC_ERR_ code, distinct, and an HTTP status where they answer', () => {
    const codes = Object.entries(CLOUD_ERRORS).map(([name, E]) => {
      const error = new (E as new (...args: unknown[]) => Error & { code: string; statusCode?: number })('x');
      expect(error, name).toBeInstanceOf(Error);
      expect(error.code, name).toMatch(/^TC_ERR_[A-Z_]+$/);
      if (name !== 'PlainHttpRefused') expect(error.statusCode, name).toBeGreaterThanOrEqual(400);
      return error.code;
    });
    expect(new Set(codes).size).toBe(codes.length);
    // A bad fault stays a RangeError, as callers of cloud.faults.set caught it before.
    expect(new CLOUD_ERRORS.BadFault('x')).toBeInstanceOf(RangeError);
  });

  it('are the only errors src/cloud/ makes or throws (a rethrown one aside)', () => {
    const plain: string[] = [];
    const thrown = new Set<string>();
    for (const file of cloudFiles()) {
      const found = findings(file);
      plain.push(...found.plain);
      for (const name of found.thrown) thrown.add(name);
    }
    expect(plain).toEqual([]);
    const known = new Set([...Object.keys(CLOUD_ERRORS), ...FOREIGN, 'damaged()']);
    expect([...thrown].filter((name) => !known.has(name))).toEqual([]);
  });

  it('are listed with their codes under “## Cloud” in docs/errors.md', () => {
    const doc = fs.readFileSync(path.join(root, 'docs/errors.md'), 'utf8');
    const cloud = doc.slice(doc.indexOf('## Cloud'));
    expect(doc.indexOf('## Cloud')).toBeGreaterThanOrEqual(0);
    for (const E of Object.values(CLOUD_ERRORS)) {
      const { code } = new (E as new (...args: unknown[]) => { code: string })('x');
      expect(cloud, code).toContain(`\`${code}\``);
    }
  });

  it('reach the API’s callers as a code beside the message', async () => {
    const { api } = await startCloud();
    expect(await api('POST', '/api/employees', '{"employeeId":')).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/^the body is not JSON/), code: 'TC_ERR_CLOUD_NOT_JSON' },
    });
    expect(await api('GET', '/api/punches?from=yesterday')).toMatchObject({
      status: 400,
      json: { code: 'TC_ERR_CLOUD_BAD_REQUEST' },
    });
    expect(await api('PUT', '/api/faults', { hang: -1 })).toMatchObject({
      status: 400,
      json: { error: 'hang must be a count (0 is off) or "always"', code: 'TC_ERR_CLOUD_BAD_FAULT' },
    });
  });

  it('reach a script talking to `timeclock cloud` over HTTP', async () => {
    const { url, stop } = await cloudProcess(['--token', 'errors-test-token']);
    closeAfterEach(stop);
    const call = async (method: string, route: string, body: string) => {
      const headers = { authorization: 'Bearer errors-test-token', 'content-type': 'application/json' };
      const res = await fetch(`${url}${route}`, { method, headers, body });
      return { status: res.status, json: (await res.json()) as { error: string; code?: string } };
    };
    expect(await call('POST', '/api/employees', '{"employeeId":')).toMatchObject({
      status: 400,
      json: { code: 'TC_ERR_CLOUD_NOT_JSON' },
    });
    expect(await call('POST', '/api/clocks', JSON.stringify({ sn: 'no spaces allowed' }))).toMatchObject({
      status: 400,
      json: { code: 'TC_ERR_CLOUD_BAD_REQUEST' },
    });
    expect(await call('PUT', '/api/faults', JSON.stringify({ explode: 1 }))).toMatchObject({
      status: 400,
      json: { error: expect.stringMatching(/^unknown fault "explode"/), code: 'TC_ERR_CLOUD_BAD_FAULT' },
    });
  }, 60_000);
});
