/** The one sentence an apply ends with, in the CLI and in CI logs. */
import { plural } from '../shared/plural.js';
import type { PlanSummary } from '../plan/types.js';
import type { ApplyResult } from './result.js';

/** What a plan summary still asks for, e.g. "3 to associate, 1 user change". */
export function describeRemaining(s: PlanSummary): string {
  const users = s.usersCreate + s.usersUpdate + s.usersRetire;
  const subs = s.subscriptionsAssociate + s.subscriptionsDisassociate;
  const parts = [
    s.associate && `${s.associate} to associate`,
    s.disassociate && `${s.disassociate} to disassociate`,
    s.revoke && `${s.revoke} to revoke`,
    users && plural(users, 'user change'),
    subs && plural(subs, 'subscription change'),
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : plural(s.requests, 'request');
}

export function applySummaryLine(r: ApplyResult): string {
  const pairs = (e: keyof ApplyResult['done']) => r.done[e]?.pairs ?? 0;
  const users = pairs('users/create') + pairs('users/update') + pairs('users/retire');
  const subs = pairs('subscriptions/associate') + pairs('subscriptions/disassociate');
  const done =
    `${pairs('assets/associate')} associated, ${pairs('assets/disassociate')} disassociated, ${pairs('assets/revoke')} revoked, ` +
    `${plural(users, 'user change')}${subs ? `, ${plural(subs, 'subscription change')}` : ''} ` +
    `in ${plural(r.requestsSent, 'request')} (${plural(r.retries, 'retry', 'retries')}) in ${(r.durationMs / 1000).toFixed(1)}s.`;
  // Holders waiting for a license (whenShort: prioritize) are no failure: the location matches the prioritized plan.
  const waiting = r.remaining?.summary.waiting ?? 0;
  if (r.converged) return `Apply complete: ${done} Location converged${waiting > 0 ? `; ${waiting} still waiting for a license` : ''}.`;
  const why: string[] = [];
  if (r.stopped) why.push(`stopped: ${r.stopped.reason}`);
  if (r.remaining === undefined) why.push('the live state could not be read again to verify');
  else if (r.remaining.summary.requests > 0) why.push(`still to do: ${describeRemaining(r.remaining.summary)}`);
  if (r.remaining?.errors.length) why.push(`the re-plan has ${plural(r.remaining.errors.length, 'error')}: ${r.remaining.errors[0]!.message}`);
  if (r.failures.length > 0) why.push(`${plural(r.failures.length, 'pair')} failed (see the failures above)`);
  return `Apply incomplete: ${done} Location NOT converged: ${why.join('; ')}.`;
}

/**
 * The failures an admin acts on, one line per (endpoint, asset, error): who was affected (the
 * first few named) and what to do. Writes with unknown outcome get one line each.
 */
export function failureLines(r: ApplyResult, namesShown = 5): string[] {
  const groups = new Map<string, { head: string; advice: string; who: string[] }>();
  for (const f of r.failures) {
    const asset = f.adamId === undefined ? '' : ` ${f.assetName ? `${f.assetName} (${f.adamId}${f.pricingParam ? ` ${f.pricingParam}` : ''})` : f.adamId}`;
    const key = `${f.endpoint}|${asset}|${f.errorNumber}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { head: `${f.endpoint}${asset}: error ${f.errorNumber} (${f.errorMessage})`, advice: f.advice, who: [] }));
    g.who.push(f.clientUserId ?? f.serialNumber ?? '');
  }
  const lines = [...groups.values()].map((g) => {
    const shown = g.who.slice(0, namesShown).join(', ');
    const more = g.who.length > namesShown ? ` and ${g.who.length - namesShown} more` : '';
    return `${g.head} for ${plural(g.who.length, 'holder')}: ${shown}${more}. ${g.advice}`;
  });
  for (const u of r.unknown) lines.push(`${u.endpoint} (journal #${u.id}, ${plural(u.pairs, 'pair')}): outcome unknown: ${u.reason}`);
  return lines;
}
