/** `vppctl status --format markdown`: per location the token and claim, then tables, one line per row. */
import type { StatusReport } from '../status/types.js';
import { escapeMarkdown } from './markdown-escape.js';
import { messageText } from './wording.js';
import { ASSET_HEADINGS, assetCells, claimLine, SUBSCRIPTION_HEADINGS, subscriptionCells, tokenLine } from './status-rows.js';

function table(headings: readonly string[], rows: string[][], left: number): string[] {
  const align = headings.map((_, i) => (i < left ? '---' : '---:'));
  return [headings, align, ...rows.map((r) => r.map(escapeMarkdown))].map((r) => `| ${r.join(' | ')} |`);
}

export function renderStatusMarkdown(report: StatusReport): string {
  const out: string[] = ['## vppctl status'];
  for (const loc of report.locations) {
    out.push('', `### ${escapeMarkdown(loc.name)}`, '');
    out.push(`- **File:** ${escapeMarkdown(loc.source)} · uId ${escapeMarkdown(loc.uId)}`);
    out.push(`- **Token:** ${escapeMarkdown(tokenLine(loc))}`);
    out.push(`- **Claimed by:** ${escapeMarkdown(claimLine(loc))}`);
    if (loc.assets.length > 0) out.push('', ...table(ASSET_HEADINGS, loc.assets.map(assetCells), 4));
    if (loc.subscriptions.length > 0) out.push('', ...table(SUBSCRIPTION_HEADINGS, loc.subscriptions.map(subscriptionCells), 2));
    if (loc.warnings.length > 0) out.push('', ...loc.warnings.map((w) => `- ⚠️ ${escapeMarkdown(messageText(w))}`));
  }
  return out.join('\n');
}
