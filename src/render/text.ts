import type { ChalkInstance } from 'chalk';
import type { LocationPlan, Plan, PlanMessage } from '../plan/types.js';
import { changeItems, claimText, waitingItems, type ChangeItem, type Sign } from './change-items.js';
import { palette } from './color.js';
import { failedLine, hasChanges, readText, requestsText, summaryLine, totals } from './summary-line.js';
import { messageText } from './wording.js';
import { plural } from '../shared/plural.js';

function paint(c: ChalkInstance, sign: Sign, s: string): string {
  if (sign === '+') return c.green(s);
  if (sign === '-') return c.red(s);
  return c.yellow(s);
}

/** ` (app 361309726 STDQ)`: what an asset is, after its name. */
function idText(it: { id?: string; assetKind?: string }): string {
  return it.id ? ` (${it.assetKind ? `${it.assetKind} ` : ''}${it.id})` : '';
}

function itemLine(c: ChalkInstance, it: ChangeItem): string {
  const id = idText(it);
  const counts = it.counts.map((p) => paint(c, p.sign, p.text)).join(', ');
  const note = it.note ? c.dim(` [${it.note}]`) : '';
  return `  ${paint(c, it.symbol, it.symbol)} ${it.title}${id}: ${counts}${note}`;
}

/**
 * All member lines of one sign as one string, made by a single join: a verbose plan can list
 * millions of members, and a string (and a chalk call) per line is mostly garbage-collector work.
 */
function pushMembers(out: string[], c: ChalkInstance, sign: Sign, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const [open, close] = paint(c, sign, '\u0000').split('\u0000') as [string, string];
  const start = `      ${open}${sign} `;
  out.push(`${start}${ids.join(`${close}\n${start}`)}${close}`);
}

/** Who waits for a license, per short asset and subscription, first served first (verbose only: the warnings give the counts). */
function pushWaiting(out: string[], c: ChalkInstance, loc: LocationPlan): void {
  for (const w of waitingItems(loc)) {
    out.push(`  ${c.yellow('!')} ${w.title}${idText(w)}: ${plural(w.members.length, 'new holder')} waiting for a license, first served first`);
    out.push(`        ${w.members.join('\n        ')}`);
  }
}

function pushLocation(out: string[], c: ChalkInstance, loc: LocationPlan, verbose: boolean): void {
  out.push(c.bold(`Location "${loc.name}" (${loc.source}, uId ${loc.uId})`));
  const read = readText(loc);
  if (read) out.push(c.dim(`  ${read}`));
  const claim = claimText(loc);
  if (claim) out.push(`  ${c.yellow('~')} ${claim}`);
  for (const it of changeItems(loc)) {
    out.push(itemLine(c, it));
    if (!verbose) continue;
    pushMembers(out, c, '-', it.removed);
    pushMembers(out, c, '~', it.changed);
    pushMembers(out, c, '+', it.added);
  }
  if (verbose) pushWaiting(out, c, loc);
  out.push(hasChanges(loc.summary) ? `  ${requestsText(loc)}` : '  No changes.');
}

function pushMessages(out: string[], plan: Plan, pick: (l: LocationPlan) => PlanMessage[], label: string, color: (s: string) => string): void {
  const named = plan.locations.length > 1;
  for (const loc of plan.locations) {
    for (const m of pick(loc)) out.push(color(`${label}: ${named ? `${loc.name}: ` : ''}${messageText(m)}`));
  }
}

/**
 * The plan for a terminal, Terraform-style. Warnings and errors come after the changes, just above
 * the summary, so they are what a reader sees last.
 */
export function renderText(plan: Plan, opts: { color: boolean; verbose?: boolean }): string {
  const c = palette(opts.color);
  const out: string[] = [];
  for (const loc of plan.locations) {
    pushLocation(out, c, loc, opts.verbose === true);
    out.push('');
  }
  const t = totals(plan);
  pushMessages(out, plan, (l) => l.warnings, 'Warning', c.yellow);
  pushMessages(out, plan, (l) => l.errors, 'Error', c.red);
  if (t.warnings + t.errors > 0) out.push('');
  out.push(summaryLine(plan));
  if (t.errors > 0) out.push(c.red(failedLine(t.errors)));
  return out.join('\n');
}
