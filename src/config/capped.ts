/** Keeps a long run of similar findings (a broken 100,000-line roster) from drowning the output. */
import type { Diagnostic } from './types.js';

/** The first `limit` diagnostics, then one line counting the rest, located at the first one left out. */
export function capped(diagnostics: Diagnostic[], limit: number, what: string): Diagnostic[] {
  if (diagnostics.length <= limit) return diagnostics;
  const rest = diagnostics.length - limit;
  return [...diagnostics.slice(0, limit), { ...diagnostics[limit], message: `${rest} more ${what} (not listed)`, hint: undefined }];
}
