// Text expectations: a plain string is a substring, `/…/flags` is a regular expression.
import type { Pattern } from './types.js';

/** `{ error }` when `/…/` holds an invalid regular expression: the loader reports it where it was written. */
export function parsePattern(text: string): Pattern | { error: string } {
  const m = /^\/(.*)\/([dgimsuy]*)$/s.exec(text);
  if (!m) return { kind: 'text', text };
  try {
    new RegExp(m[1]!, m[2]);
  } catch (error) {
    return { error: (error as Error).message };
  }
  return { kind: 'regex', source: m[1]!, flags: m[2]!.replace('g', '') };
}

export function matches(pattern: Pattern, text: string): boolean {
  return pattern.kind === 'text' ? text.includes(pattern.text) : new RegExp(pattern.source, pattern.flags).test(text);
}

export function showPattern(pattern: Pattern): string {
  return pattern.kind === 'text' ? JSON.stringify(pattern.text) : `/${pattern.source}/${pattern.flags}`;
}
