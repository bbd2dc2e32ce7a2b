import type { PlanMessage } from '../plan/types.js';

/** The asset a message is about and where it was declared, appended to the planner's own words. */
export function messageText(m: PlanMessage): string {
  const asset = m.asset ? ` (${m.asset.name ?? '(unnamed)'}, ${m.asset.adamId} ${m.asset.pricingParam})` : '';
  const at = m.at ? ` at ${m.at.file}:${m.at.line}:${m.at.col}` : '';
  return `${m.message}${asset}${at}`;
}
