// Which user and finger each page of a fingerprint module's library holds. A module only knows page
// numbers; the clock knows badges. The map lives in a small JSON file next to the clock's data (the
// `map=` option, or `zfm-pages.json` in the data directory), or in memory for a clock without one — the
// clock's own store has no room for it.
import fs from 'node:fs';
import path from 'node:path';
import { codedError } from '../errors.js';

export interface PageEntry {
  pin: string;
  fid: number;
}

interface PageFile {
  version: 1;
  pages: Record<string, PageEntry>;
}

export class ZfmPageMap {
  private readonly pages = new Map<number, PageEntry>();

  /** In memory when `file` is undefined. A file that exists but is not a page map is an error. */
  constructor(readonly file: string | undefined = undefined) {
    if (file === undefined || !fs.existsSync(file)) return;
    const problem = (what: string) => codedError('TC_ERR_ZFM_PAGES', `ZFM page map ${file}: ${what}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw problem(`is not JSON (${(error as Error).message})`);
    }
    const pages = (parsed as Partial<PageFile> | null)?.pages;
    if (typeof pages !== 'object' || pages === null) throw problem('has no "pages" object');
    for (const [key, entry] of Object.entries(pages)) {
      const page = Number(key);
      const ok = typeof entry?.pin === 'string' && Number.isInteger(entry.fid) && entry.fid >= 0 && entry.fid <= 9;
      if (!Number.isInteger(page) || page < 0 || page > 0xffff || !ok) {
        throw problem(`field "pages.${key}" must be a page 0-65535 holding { "pin": "…", "fid": 0-9 }`);
      }
      this.pages.set(page, { pin: entry.pin, fid: entry.fid });
    }
  }

  /** The map file for a clock: the `map=` option, else next to the data, else none (memory). */
  static fileFor(option: string, dataDir: string | undefined): string | undefined {
    if (option !== '') return path.resolve(option);
    return dataDir === undefined ? undefined : path.join(dataDir, 'zfm-pages.json');
  }

  get(page: number): PageEntry | undefined {
    return this.pages.get(page);
  }

  pageOf(pin: string, fid: number): number | undefined {
    for (const [page, entry] of this.pages) if (entry.pin === pin && entry.fid === fid) return page;
    return undefined;
  }

  set(page: number, entry: PageEntry): void {
    const previous = this.pageOf(entry.pin, entry.fid);
    if (previous !== undefined) this.pages.delete(previous);
    this.pages.set(page, entry);
    this.save();
  }

  delete(page: number, count = 1): void {
    for (let p = page; p < page + count; p++) this.pages.delete(p);
    this.save();
  }

  clear(): void {
    this.pages.clear();
    this.save();
  }

  get size(): number {
    return this.pages.size;
  }

  entries(): [number, PageEntry][] {
    return [...this.pages].sort((a, b) => a[0] - b[0]);
  }

  private save(): void {
    if (this.file === undefined) return;
    const body: PageFile = { version: 1, pages: Object.fromEntries(this.entries().map(([p, e]) => [String(p), e])) };
    // Written whole and renamed, so a crash never leaves half a map.
    const temp = `${this.file}.tmp`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(temp, `${JSON.stringify(body, null, 2)}\n`);
    fs.renameSync(temp, this.file);
  }
}
