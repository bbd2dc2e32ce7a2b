/** `vppctl status` for a terminal: per location the token and claim, then aligned tables of counts. */
import type { StatusReport } from '../status/types.js';
import { messageText } from './wording.js';
import { ASSET_HEADINGS, assetCells, claimLine, SUBSCRIPTION_HEADINGS, subscriptionCells, tokenLine } from './status-rows.js';

/** Columns padded to their widest cell; numbers right-aligned after the first `left` columns. */
function aligned(rows: string[][], left: number): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i < left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()}`);
}

export function renderStatusText(report: StatusReport): string {
  const out: string[] = [];
  for (const loc of report.locations) {
    out.push(`Location "${loc.name}" (${loc.source}, uId ${loc.uId})`);
    out.push(`  Token: ${tokenLine(loc)}`);
    out.push(`  Claimed by: ${claimLine(loc)}`);
    out.push('');
    if (loc.assets.length > 0) out.push(...aligned([ASSET_HEADINGS, ...loc.assets.map(assetCells)], 4), '');
    if (loc.subscriptions.length > 0) out.push(...aligned([SUBSCRIPTION_HEADINGS, ...loc.subscriptions.map(subscriptionCells)], 2), '');
    for (const w of loc.warnings) out.push(`  Warning: ${messageText(w)}`);
    if (loc.warnings.length > 0) out.push('');
  }
  return out.join('\n').trimEnd();
}
