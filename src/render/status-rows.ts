/**
 * A location's status as tables of cells, the same columns in every format (text, markdown,
 * CSV), and the lines said above them (token, claim). Names are store or file text, made visible
 * here once; each format then escapes for itself.
 */
import type { SeatCounts } from '../api/types.js';
import { plural } from '../shared/plural.js';
import { visibleText } from '../shared/visible-text.js';
import type { AssetStatus, LocationStatus, SubscriptionStatus } from '../status/types.js';

export const ASSET_HEADINGS = ['App or book', 'Kind', 'adamId', 'Pricing', 'Total', 'Assigned', 'Available', 'Retired', 'After plan', 'Reclaimable'];

export const SUBSCRIPTION_HEADINGS = ['Subscription', 'adamId', 'Total', 'Assigned', 'Available'];

export function shownName(name: string | undefined): string {
  return name === undefined ? '(unnamed)' : visibleText(name);
}

export function assetCells(a: AssetStatus): string[] {
  return [
    shownName(a.name),
    a.kind,
    a.adamId,
    a.pricingParam,
    a.total === null ? 'unlimited' : String(a.total),
    String(a.assigned),
    a.total === null ? '-' : String(a.available),
    String(a.retired),
    a.total === null ? '-' : String(a.availableAfterPlan),
    String(a.reclaimable),
  ];
}

/** "12 renewing, 3 expiring" */
export function seats(c: SeatCounts): string {
  return `${c.renewing} renewing, ${c.expiring} expiring`;
}

export function subscriptionCells(s: SubscriptionStatus): string[] {
  return [shownName(s.name), String(s.adamId), seats(s.total), seats(s.assigned), seats(s.available)];
}

/** "Central School, expires 2027-01-05 (in 33 days)" */
export function tokenLine(loc: LocationStatus): string {
  const { orgName, expires, daysLeft } = loc.token;
  return `${visibleText(orgName)}, expires ${expires.slice(0, 10)} (in ${plural(daysLeft, 'day')})`;
}

/** Who claims the location, in words. */
export function claimLine(loc: LocationStatus): string {
  const c = loc.claim;
  if (c === undefined) return 'nobody (no mdmInfo): the next apply claims it for the file\'s location.mdm, if it names one';
  return `${visibleText(c.name)} (mdmInfo.id ${visibleText(c.id)})${c.ours ? ", this file's location.mdm" : ', not this file\'s location.mdm'}`;
}
