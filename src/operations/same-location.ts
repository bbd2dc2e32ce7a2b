/**
 * Two files for one location (the same uId, which only the live read reveals: two token variables
 * may hold tokens of one location) would each undo the other's changes. Each such plan gets an
 * error naming every file involved, so nothing is applied to the location from either file.
 */
import type { LocationOutcome } from './plan-locations.js';

export const SAME_LOCATION_TWICE = 'same-location-twice';

/** The outcomes, with an error added to the plan of every file that shares its location with another. */
export function refuseSameLocation(outcomes: LocationOutcome[]): LocationOutcome[] {
  const byUId = new Map<string, LocationOutcome[]>();
  for (const o of outcomes) {
    if (o.plan === undefined) continue;
    const group = byUId.get(o.plan.uId);
    if (group) group.push(o);
    else byUId.set(o.plan.uId, [o]);
  }
  for (const [uId, group] of byUId) {
    if (group.length < 2) continue;
    const files = group.map((o) => o.location.source);
    const message =
      `${files.slice(0, -1).join(', ')} and ${files.at(-1)} manage the same location (uId ${uId}): each would undo the other's changes. ` +
      'Keep one file per location; nothing is applied to it from either file.';
    for (const o of group) o.plan = { ...o.plan!, errors: [...o.plan!.errors, { code: SAME_LOCATION_TWICE, message }] };
  }
  return outcomes;
}
