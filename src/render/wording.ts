import type { PlanMessage } from '../plan/types.js';
import { visibleText } from '../shared/visible-text.js';

/** The asset a message is about and where it was declared, appended to the planner's own words. */
export function messageText(m: PlanMessage): string {
  const name = m.asset?.name === undefined ? '(unnamed)' : visibleText(m.asset.name);
  const asset = m.asset ? ` (${name}, ${m.asset.kind ? `${m.asset.kind} ` : ''}${m.asset.adamId} ${m.asset.pricingParam})` : '';
  const at = m.at ? ` at ${m.at.file}:${m.at.line}:${m.at.col}` : '';
  return `${m.message}${asset}${at}`;
}
