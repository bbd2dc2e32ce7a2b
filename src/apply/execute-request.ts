/**
 * One write from send to settled event: follow its eventId, resubmit it when it stays PENDING too
 * long, split it when Apple refuses users and devices in one request, and sort the failures of its
 * event into pairs to retry (transient) and pairs to report (permanent).
 */
import type { ErrorResponse } from '../api/types.js';
import { isTransientFailure } from './advice.js';
import type { ApplyContext } from './context.js';
import { followEvent, type EventOutcome } from './follow-event.js';
import { failedPairs, isMixed, pairCount, pairKey, pairsOf, restrict, type Pair, type WriteRequest } from './pairs.js';
import { send } from './send.js';

/** Pairs of `req` that failed transiently; the phase retries them in a later round. */
export interface Retry {
  req: WriteRequest;
  pairs: Pair[];
  failure: ErrorResponse;
}

/** How often a stuck event is sent again before its outcome is declared unknown. */
const MAX_RESUBMITS = 2;

/**
 * Refusals of a mixed users+devices request that may mean "not both in one request" (UNCERTAIN in
 * Apple's docs): the request is split and sent again as users-only and devices-only.
 */
const MIXED_REFUSALS = new Set([9602, 9701, 9702, 9719]);

export async function executeRequest(ctx: ApplyContext, req: WriteRequest, extra: { splitOf?: number } = {}): Promise<Retry[]> {
  if (ctx.stopped) return [];
  if (ctx.separateTargets && isMixed(req)) return split(ctx, req);
  let resubmitOf: number | undefined;
  for (let resubmits = 0; ; resubmits++) {
    const sent = await ctx.sends.add(() => send(ctx, req, { ...extra, ...(resubmitOf !== undefined && { resubmitOf }) }));
    switch (sent.kind) {
      case 'conflict':
        ctx.stop(sent.error.message, sent.error);
        return [];
      case 'unknown':
        markUnknown(ctx, sent.id, req, sent.reason, false);
        return [];
      case 'rejected': {
        const err = sent.error;
        if (err.status === 401) {
          ctx.stop(err.message, err);
          return [];
        }
        if (isMixed(req) && err.status === 400 && MIXED_REFUSALS.has(err.errorNumber ?? 0)) {
          ctx.separateTargets = true;
          ctx.log(`Apple refused users and devices in one request (${err.errorNumber}); sending them separately from now on`);
          return split(ctx, req, sent.id);
        }
        const failure = { errorNumber: err.errorNumber ?? err.status, errorMessage: err.reason };
        if (err.retryable) return [{ req, pairs: pairsOf(req), failure }];
        reportFailed(ctx, req, pairsOf(req), failure);
        ctx.log(`${req.endpoint} refused: ${err.message}`);
        return [];
      }
      case 'accepted': {
        const outcome = await followEvent(ctx.api, sent.eventId, sent.at, ctx.options, { times: ctx.settleTimes, kind: req.endpoint });
        if (outcome.kind === 'overdue' && resubmits < MAX_RESUBMITS) {
          ctx.journal.append({ t: 'abandoned', id: sent.id, reason: `still PENDING after ${ctx.options.resubmitAfterMs} ms: resubmitted` });
          ctx.log(`event ${sent.eventId} (${req.endpoint}) still PENDING after ${Math.round(ctx.options.resubmitAfterMs / 1000)} s: sending it again`);
          ctx.retrying(1);
          resubmitOf = sent.id;
          continue;
        }
        return settle(ctx, sent.id, sent.eventId, req, outcome);
      }
    }
  }
}

/**
 * Records how an event ended. Returns the transiently failed pairs (for the caller to retry or
 * leave to the re-plan); permanent failures go to the report.
 */
export function settle(ctx: ApplyContext, id: number, eventId: string, req: WriteRequest, outcome: EventOutcome): Retry[] {
  if (outcome.kind !== 'settled') {
    if (outcome.kind === 'lost' && outcome.refused) ctx.stop(outcome.reason, outcome.refused);
    const reason = outcome.kind === 'lost' ? outcome.reason : `event ${eventId} still PENDING after ${MAX_RESUBMITS} resubmissions`;
    markUnknown(ctx, id, req, reason, true);
    return [];
  }
  ctx.journal.append({ t: 'settled', id, eventId, eventStatus: outcome.eventStatus, ...(outcome.failures.length > 0 && { failures: outcome.failures }) });
  const failures =
    outcome.eventStatus === 'FAILED' && outcome.failures.length === 0
      ? [{ errorNumber: 9603, errorMessage: 'the event FAILED without naming a failure' }]
      : outcome.failures;
  const seen = new Set<string>();
  const retries: Retry[] = [];
  for (const failure of failures) {
    const pairs = failedPairs(req, failure).filter((p) => !seen.has(pairKey(req.endpoint, p)));
    for (const p of pairs) seen.add(pairKey(req.endpoint, p));
    if (isTransientFailure(failure.errorNumber)) retries.push({ req, pairs, failure });
    else reportFailed(ctx, req, pairs, failure);
  }
  const done = pairCount(req) - seen.size;
  ctx.report.settled(req.endpoint, done);
  ctx.tick({ eventsSettled: 1, pairsDone: done });
  if (failures.length > 0) {
    const numbers = [...new Set(failures.map((f) => f.errorNumber))].join(', ');
    ctx.log(`event ${eventId} (${req.endpoint}) ${outcome.eventStatus}: ${seen.size} of ${pairCount(req)} failed (${numbers})`);
  }
  return retries;
}

export function reportFailed(ctx: ApplyContext, req: WriteRequest, pairs: readonly Pair[], failure: ErrorResponse): void {
  ctx.report.failed(req.endpoint, pairs, failure);
  for (const p of pairs) ctx.failedForGood.add(pairKey(req.endpoint, p));
  ctx.tick({ pairsDone: pairs.length });
}

function markUnknown(ctx: ApplyContext, id: number, req: WriteRequest, reason: string, journal: boolean): void {
  if (journal) ctx.journal.append({ t: 'unknown', id, reason });
  ctx.report.result.unknown.push({ id, endpoint: req.endpoint, pairs: pairCount(req), reason });
  ctx.unknownSinceVerify++;
  ctx.log(`outcome unknown for ${req.endpoint} (journal #${id}): ${reason}; the re-plan will check it`);
}

async function split(ctx: ApplyContext, req: WriteRequest, splitOf?: number): Promise<Retry[]> {
  const parts = restrict(req, pairsOf(req), await ctx.api.limits());
  // A refused request was sent and counted; one split before sending is replaced by its parts.
  ctx.tick({ requestsTotal: splitOf === undefined ? parts.length - 1 : parts.length });
  const extra = splitOf === undefined ? {} : { splitOf };
  return (await Promise.all(parts.map((p) => executeRequest(ctx, p, extra)))).flat();
}
