// The ZFM page map: pages to (PIN, finger), kept in a JSON file next to the clock's data or in memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ZfmPageMap } from '../../src/serial/index.js';

const dirs: string[] = [];
const tempFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-zfm-'));
  dirs.push(dir);
  return path.join(dir, 'zfm-pages.json');
};

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('ZfmPageMap', () => {
  it('keeps its pages in the file across openings', () => {
    const file = tempFile();
    new ZfmPageMap(file).set(12, { pin: '1003', fid: 6 });
    const again = new ZfmPageMap(file);
    expect(again.get(12)).toEqual({ pin: '1003', fid: 6 });
    expect(again.pageOf('1003', 6)).toBe(12);
  });

  it('moves a finger to its new page rather than keeping two', () => {
    const pages = new ZfmPageMap();
    pages.set(1, { pin: '1003', fid: 6 });
    pages.set(4, { pin: '1003', fid: 6 });
    expect(pages.entries()).toEqual([[4, { pin: '1003', fid: 6 }]]);
  });

  it('lives next to the data directory unless map= names a file, and in memory without either', () => {
    expect(ZfmPageMap.fileFor('', '/var/lib/tc')).toBe('/var/lib/tc/zfm-pages.json');
    expect(ZfmPageMap.fileFor('/etc/pages.json', '/var/lib/tc')).toBe('/etc/pages.json');
    expect(ZfmPageMap.fileFor('', undefined)).toBeUndefined();
  });

  it('refuses a file that is not a page map, naming the field', () => {
    const file = tempFile();
    fs.writeFileSync(file, JSON.stringify({ version: 1, pages: { 3: { pin: '1003', fid: 12 } } }));
    expect(() => new ZfmPageMap(file)).toThrow(`ZFM page map ${file}: field "pages.3" must be a page 0-65535`);
    fs.writeFileSync(file, '{ not json');
    expect(() => new ZfmPageMap(file)).toThrow('is not JSON');
  });
});
