/**
 * Running a plan phase by phase. A phase is a run of requests with the same endpoint, in the
 * plan's order (claim, user creation, removals, additions, updates, retirements, subscriptions);
 * the next phase starts only when every event of this one settled, so licenses are freed before
 * they are taken and users exist before they are assigned. Pairs that failed transiently are
 * retried within their phase in smaller requests, a bounded number of rounds, with backoff.
 */
import type { ClientConfigRequest } from '../api/types.js';
import { plural } from '../shared/plural.js';
import type { LocationPlan, PlannedRequest } from '../plan/types.js';
import type { ApplyContext } from './context.js';
import { executeRequest, reportFailed } from './execute-request.js';
import { restrict, type WriteRequest } from './pairs.js';

export function phasesOf(requests: readonly PlannedRequest[]): PlannedRequest[][] {
  const phases: PlannedRequest[][] = [];
  for (const r of requests) {
    const last = phases.at(-1);
    if (last && last[0]!.endpoint === r.endpoint) last.push(r);
    else phases.push([r]);
  }
  return phases;
}

export async function runPlan(ctx: ApplyContext, plan: LocationPlan): Promise<void> {
  for (const phase of phasesOf(plan.requests)) {
    if (ctx.stopped) return;
    const endpoint = phase[0]!.endpoint;
    ctx.tick({}, endpoint === 'client/config' ? 'claim' : endpoint);
    ctx.log(`${endpoint}: ${plural(phase.length, 'request')}`);
    for (const r of phase) {
      if (r.endpoint === 'client/config') await claim(ctx, r.body);
    }
    const writes = phase.filter((r): r is WriteRequest => r.endpoint !== 'client/config');
    if (writes.length > 0) await runPhase(ctx, writes);
  }
}

/** Claims the location (client config mdmInfo). Writing without the claim the file asks for is not safe: a failure stops apply. */
async function claim(ctx: ApplyContext, body: ClientConfigRequest): Promise<void> {
  const id = ctx.journal.intent('client/config', body);
  try {
    await ctx.api.setClientConfig(body);
    ctx.journal.append({ t: 'applied', id });
    ctx.report.settled('client/config', 0);
    ctx.sent();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ctx.journal.append({ t: 'rejected', id, message });
    ctx.stop(`claiming the location failed: ${message}`, err);
  }
}

async function runPhase(ctx: ApplyContext, requests: WriteRequest[]): Promise<void> {
  let batch = requests;
  const started = ctx.options.now();
  for (let round = 1; batch.length > 0; round++) {
    const retries = (await Promise.all(batch.map((r) => executeRequest(ctx, r)))).flat();
    if (retries.length === 0) return;
    if (round > ctx.options.maxRounds || ctx.stopped) {
      // Reported with how long they kept failing; the re-plan passes of this run leave them alone.
      const tries = ` (still failing after ${plural(round, 'try', 'tries')} over ${Math.round((ctx.options.now() - started) / 1000)} s)`;
      for (const r of retries) reportFailed(ctx, r.req, r.pairs, ctx.stopped ? r.failure : { ...r.failure, errorMessage: `${r.failure.errorMessage}${tries}` });
      return;
    }
    const limits = await ctx.api.limits();
    batch = retries.flatMap((r) => restrict(r.req, r.pairs, limits));
    const pairs = retries.reduce((n, r) => n + r.pairs.length, 0);
    const numbers = [...new Set(retries.map((r) => r.failure.errorNumber))].join(', ');
    const delay = ctx.options.retryDelayMs * 3 ** (round - 1);
    ctx.log(`${plural(pairs, 'pair')} failed transiently (${numbers}); retrying them in ${plural(batch.length, 'request')} in ${Math.ceil(delay / 1000)} s (round ${round + 1})`);
    ctx.retrying(batch.length);
    await ctx.options.sleep(delay);
  }
}
