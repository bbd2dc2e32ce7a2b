import type { LocationPlan, Plan, PlanMessage, PlanSummary } from '../plan/types.js';
import { changeItems, claimText, type ChangeItem } from './change-items.js';
import { code, escapeHtml, escapeMarkdown } from './markdown-escape.js';
import { layoutMarkdown, type DetailPiece } from './markdown-fit.js';
import { memberDiff } from './member-diff.js';
import { failedLine, hasChanges, readText, requestsText, summaryLine, totals, userChanges } from './summary-line.js';
import { plural } from '../shared/plural.js';
import { messageText } from './wording.js';

function status(s: PlanSummary, errors: number, warnings: number): string {
  const main = errors > 0 ? `❌ ${plural(errors, 'error')}` : hasChanges(s) ? '📝 changes to apply' : '✅ no changes';
  return warnings > 0 ? `${main}, ⚠️ ${plural(warnings, 'warning')}` : main;
}

function row(label: string, s: PlanSummary, errors: number, warnings: number): string {
  const cells = [label, s.associate, s.disassociate, s.revoke, userChanges(s), s.requests, status(s, errors, warnings)];
  return `| ${cells.join(' | ')} |`;
}

function table(plan: Plan): string {
  const lines = [
    '| Location | Associate | Disassociate | Revoke | User changes | Requests | Status |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const loc of plan.locations) {
    lines.push(row(`**${escapeMarkdown(loc.name)}**<br>${code(loc.source)}`, loc.summary, loc.errors.length, loc.warnings.length));
  }
  if (plan.locations.length > 1) {
    const t = totals(plan);
    lines.push(row('**Total**', t, t.errors, t.warnings));
  }
  return lines.join('\n');
}

function messageItems(plan: Plan, pick: (l: LocationPlan) => PlanMessage[]): string[] {
  const named = plan.locations.length > 1;
  const items: string[] = [];
  for (const loc of plan.locations) {
    const prefix = named ? `**${escapeMarkdown(loc.name)}**: ` : '';
    for (const m of pick(loc)) items.push(`- ${prefix}${escapeMarkdown(messageText(m))}`);
  }
  return items;
}

function locationHeading(loc: LocationPlan): string {
  const lines = [
    `### ${escapeMarkdown(loc.name)}`,
    '',
    [code(loc.source), `uId ${code(loc.uId)}`, requestsText(loc), readText(loc)].filter((part) => part !== undefined).join(' · '),
  ];
  const claim = claimText(loc);
  if (claim) lines.push('', `**mdmInfo:** ${escapeMarkdown(claim)}`);
  return lines.join('\n');
}

function itemPiece(it: ChangeItem): DetailPiece {
  const id = (it.assetKind ? ` ${it.assetKind}` : '') + (it.id ? ` ${code(it.id)}` : '');
  const note = it.note ? ` (${escapeHtml(it.note)})` : '';
  const summary = `<b>${escapeHtml(it.title)}</b>${id}: ${it.counts.map((c) => c.text).join(', ')}${note}`;
  const members = it.removed.length + it.changed.length + it.added.length;
  return {
    compact: `- ${summary}`,
    full: members > 0 ? () => `<details><summary>${summary}</summary>\n\n${memberDiff(it)}\n\n</details>` : undefined,
    members,
    noun: it.kind === 'asset' ? 'asset' : 'change',
  };
}

function details(plan: Plan): DetailPiece[] {
  const pieces: DetailPiece[] = [];
  for (const loc of plan.locations) {
    if (!hasChanges(loc.summary) && !loc.changes.claim) continue;
    pieces.push({ compact: locationHeading(loc), members: 0, noun: 'location' });
    for (const it of changeItems(loc)) pieces.push(itemPiece(it));
  }
  return pieces;
}

/**
 * The deletion line (tfcmt's heading): a reviewer who reads one line learns that approving takes
 * licenses or users away, and how many.
 */
function removalLine(t: PlanSummary): string | undefined {
  const parts = [
    t.disassociate > 0 ? `${plural(t.disassociate, 'assignment')} removed` : '',
    t.revoke > 0 ? `${plural(t.revoke, 'user or device', 'users and devices')} revoked` : '',
    t.usersRetire > 0 ? `${plural(t.usersRetire, 'user')} retired` : '',
    t.subscriptionsDisassociate > 0 ? `${plural(t.subscriptionsDisassociate, 'subscription seat')} removed` : '',
  ].filter(Boolean);
  return parts.length === 0 ? undefined : `> [!WARNING]\n> **This plan removes or revokes licenses:** ${parts.join(', ')}.`;
}

/**
 * The plan as a pull-request comment: the deletion warning when the plan takes anything away, summary table, errors, warnings, then per-change details
 * with member lists as diffs. Stays within `maxLength` (GitHub refuses comments over 65,536
 * characters) by dropping member lists, largest first, then whole details; the table, the errors
 * and the closing summary are never cut.
 */
export function renderMarkdown(plan: Plan, opts: { maxLength?: number; title?: string } = {}): string {
  const maxLength = opts.maxLength ?? 65_000;
  const heading = `## ${opts.title ?? 'vppctl plan'}`;
  const t = totals(plan);
  const warnings = messageItems(plan, (l) => l.warnings);
  if (!hasChanges(t) && t.errors === 0) {
    return layoutMarkdown({ head: [heading], warnings, details: [], tail: `✅ ${summaryLine(plan)}`, maxLength });
  }
  const removal = removalLine(t);
  const head = removal === undefined ? [heading, table(plan)] : [heading, removal, table(plan)];
  if (t.errors > 0) head.push(`### ❌ Errors\n\n${messageItems(plan, (l) => l.errors).join('\n')}`);
  const tail = t.errors > 0 ? `**${summaryLine(plan)}**\n\n**${failedLine(t.errors)}**` : `**${summaryLine(plan)}**`;
  return layoutMarkdown({ head, warnings, details: details(plan), tail, maxLength });
}
