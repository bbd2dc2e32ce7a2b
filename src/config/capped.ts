/** Keeps a long run of similar findings (a broken 100,000-line roster) from drowning the output. */
import type { Diagnostic } from './types.js';

/**
 * The first `limit` findings described in full, then one line counting the rest, located at the
 * first one left out. Only those few are described, so a million findings cost little.
 */
export function capped<T>(items: readonly T[], limit: number, describe: (item: T) => Diagnostic, what: string): Diagnostic[] {
  const shown = items.slice(0, limit).map(describe);
  if (items.length > limit) {
    shown.push({ ...describe(items[limit]), message: `${items.length - limit} more ${what} (not listed)`, hint: undefined });
  }
  return shown;
}
