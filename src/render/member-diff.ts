import { formatPatch, OMIT_HEADERS } from 'diff';
import type { ChangeItem } from './change-items.js';
import { fenced } from './markdown-escape.js';

/**
 * Member changes of one item as a ```diff block: live side = members losing it (`-`), desired
 * side = members gaining it (`+`), updated users as `!` (GitHub highlights them as changed).
 *
 * The two sides are disjoint by construction, so the edit script is known: we build the hunk and
 * let `diff` format it. Running diffArrays over disjoint rosters would be Myers' worst case,
 * O((N+M)^2): a third of a second for 1,000 + 1,000 members, seconds for a few thousand.
 */
export function memberDiff(it: Pick<ChangeItem, 'removed' | 'changed' | 'added'>): string {
  const lines: string[] = [];
  for (const id of it.removed) lines.push(`-${id}`);
  for (const id of it.changed) lines.push(`!${id}`);
  for (const id of it.added) lines.push(`+${id}`);
  const patch = formatPatch(
    {
      oldFileName: 'live',
      newFileName: 'desired',
      oldHeader: undefined,
      newHeader: undefined,
      hunks: [{
        oldStart: 1,
        oldLines: it.removed.length + it.changed.length,
        newStart: 1,
        newLines: it.added.length + it.changed.length,
        lines,
      }],
    },
    OMIT_HEADERS,
  );
  return fenced(patch, 'diff');
}
