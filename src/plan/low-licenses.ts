/**
 * Warning `low-licenses`: a plan that leaves a declared app or book with policy.lowLicenseWarning
 * percent of its licenses or fewer available says so, with the numbers, so the admin buys more
 * before the next new holder waits. Assets already short (an error) or with holders waiting (their
 * own warning) are not warned twice; free assets (Apple's unlimited total) never run low.
 */
import { plural } from '../shared/plural.js';
import { messageAbout } from './checks.js';
import { assetLabel, pairCount, type AssetDiff } from './diff-assets.js';
import type { PlanMessage } from './types.js';

/** The totalCount Apple gives free (unlimited) assets when the query does not ask to leave them out. */
export const UNLIMITED_TOTAL = 2_147_483_647;

/** Licenses available once a plan freeing `removed` and handing out `added` is applied (never below 0). */
export function leftAvailable(available: number, added: number, removed: number): number {
  return Math.max(0, available + removed - added);
}

export function lowLicenseWarnings(diffs: readonly AssetDiff[], percent: number): PlanMessage[] {
  if (percent <= 0) return [];
  const out: PlanMessage[] = [];
  for (const d of diffs) {
    const owned = d.owned;
    if (d.declared === undefined || owned === undefined || d.waiting !== undefined) continue;
    const total = owned.totalCount;
    if (!(total > 0) || total >= UNLIMITED_TOTAL) continue;
    const added = pairCount(d.add);
    const removed = pairCount(d.remove);
    if (added > owned.availableCount + removed) continue;
    const left = leftAvailable(owned.availableCount, added, removed);
    if (left * 100 > total * percent) continue;
    out.push({
      code: 'low-licenses',
      message:
        `${assetLabel(d)}: ${plural(left, 'license')} of ${total} (${Math.floor((left * 100) / total)}%) left available after this plan, ` +
        `at or below policy.lowLicenseWarning (${percent}%). Buy more, or free some, before new holders have to wait.`,
      ...messageAbout(d),
    });
  }
  return out;
}
