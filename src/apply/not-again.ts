/**
 * What a re-plan pass may send. A pair Apple refused for good in this run, or whose transient
 * failure outlasted every retry round of its phase, is not sent again by a later pass of the same
 * run: the re-plan still wants it (the live state did not change), so without this a failure that
 * never clears (9603 on every try) went round every pass, each with its own retry rounds. Those
 * pairs are reported once; the next `apply` tries them afresh.
 */
import type { Limits } from '../api/types.js';
import type { PlannedRequest } from '../plan/types.js';
import { pairKey, pairsOf, restrict } from './pairs.js';

export function withoutFailedPairs(requests: readonly PlannedRequest[], failed: ReadonlySet<string>, limits: Limits): { requests: PlannedRequest[]; left: number } {
  if (failed.size === 0) return { requests: [...requests], left: 0 };
  const out: PlannedRequest[] = [];
  let left = 0;
  for (const r of requests) {
    if (r.endpoint === 'client/config') {
      out.push(r);
      continue;
    }
    const pairs = pairsOf(r);
    const keep = pairs.filter((p) => !failed.has(pairKey(r.endpoint, p)));
    left += pairs.length - keep.length;
    if (keep.length === pairs.length) out.push(r);
    else out.push(...restrict(r, keep, limits));
  }
  return { requests: out, left };
}
