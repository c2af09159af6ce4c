// The orderings and matching rules both adapters share, so that memory and SQLite answer alike.
/** PIN order as people read badge numbers: shorter first, so '2' comes before '10'. */
export function comparePins(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names are folded once, on write, so that search compares like with like in both adapters. */
export function foldName(name: string): string {
  return name.toLowerCase();
}

/** The search rule of UserTable.search: name contains the query (any case) or PIN starts with it. */
export function userMatcher(query: string): (pin: string, foldedName: string) => boolean {
  const folded = foldName(query);
  return (pin, foldedName) => pin.startsWith(query) || foldedName.includes(folded);
}

/** Paging arguments as both adapters read them: negative or NaN is 0, Infinity is "all of them". */
export function normalizePage(offset: number, limit: number): { offset: number; limit: number } {
  const clean = (n: number): number => (n > 0 ? Math.floor(Math.min(n, Number.MAX_SAFE_INTEGER)) : 0);
  return { offset: clean(offset), limit: clean(limit) };
}
