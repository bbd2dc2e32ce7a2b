/**
 * Finishing an interrupted apply (kill -9, lost network). Events Apple accepted are followed to
 * the end, never sent again; writes with no recorded answer may or may not have happened, so they
 * are only noted: the re-plan that follows decides what is still missing.
 */
import { plural } from '../shared/plural.js';
import type { ApplyContext } from './context.js';
import { settle } from './execute-request.js';
import { followEvent } from './follow-event.js';
import type { JournalPending } from './journal.js';
import { pairCount, type WriteRequest } from './pairs.js';

export async function resume(ctx: ApplyContext, pending: JournalPending): Promise<void> {
  ctx.report.result.resumed = { outstanding: pending.outstanding.length, unknown: pending.unknown.length };
  ctx.log(
    `resuming an interrupted apply: following ${plural(pending.outstanding.length, 'accepted event')}; ` +
      `${plural(pending.unknown.length, 'write has', 'writes have')} no recorded answer (the re-plan will check them)`,
  );
  const outstanding = pending.outstanding.map((o) => ({ ...o, req: { endpoint: o.endpoint, body: o.body } as WriteRequest }));
  ctx.expect(outstanding.map((o) => o.req), 'resume');
  for (const u of pending.unknown) {
    const reason = 'interrupted before Apple answered';
    ctx.journal.append({ t: 'unknown', id: u.id, reason });
    ctx.report.result.unknown.push({ id: u.id, endpoint: u.endpoint, pairs: pairCount({ endpoint: u.endpoint, body: u.body } as WriteRequest), reason });
    ctx.unknownSinceVerify++;
  }
  await Promise.all(
    outstanding.map(async (o) => {
      // Transient failures are not retried here: the re-plan after resuming covers those pairs.
      settle(ctx, o.id, o.eventId, o.req, await followEvent(ctx.api, o.eventId, o.acceptedAt, ctx.options));
    }),
  );
}
