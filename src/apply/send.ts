/**
 * Sending one write: journaled as an intent before it leaves, then as accepted, rejected or
 * unknown. A write whose outcome is unknown (the connection dropped after it was sent) is never
 * sent again from here: only a re-plan of the live state may decide it is still missing.
 */
import { MdmConflictError, VppApiError } from '../api/errors.js';
import type { ApplyContext } from './context.js';
import type { WriteRequest } from './pairs.js';

export type SendOutcome =
  | { kind: 'accepted'; id: number; eventId: string; at: number }
  /** Apple answered and did nothing (validation, refusal after the client's own retries). */
  | { kind: 'rejected'; id: number; error: VppApiError }
  | { kind: 'unknown'; id: number; reason: string }
  /** The client refused to send: another installation claims the location. */
  | { kind: 'conflict'; id: number; error: MdmConflictError };

export async function send(ctx: ApplyContext, req: WriteRequest, extra: { resubmitOf?: number; splitOf?: number } = {}): Promise<SendOutcome> {
  const { journal } = ctx;
  const id = journal.intent(req.endpoint, req.body, extra);
  try {
    const { eventId } = await ctx.api.write(req.endpoint, req.body);
    const at = ctx.options.now();
    journal.append({ t: 'accepted', id, eventId, at });
    ctx.sent();
    return { kind: 'accepted', id, eventId, at };
  } catch (err) {
    if (err instanceof MdmConflictError) {
      journal.append({ t: 'rejected', id, message: err.message });
      return { kind: 'conflict', id, error: err };
    }
    ctx.sent();
    if (err instanceof VppApiError && !err.outcomeUnknown) {
      journal.append({ t: 'rejected', id, ...(err.errorNumber !== undefined && { errorNumber: err.errorNumber }), message: err.message });
      return { kind: 'rejected', id, error: err };
    }
    const reason = err instanceof Error ? err.message : String(err);
    journal.append({ t: 'unknown', id, reason });
    return { kind: 'unknown', id, reason };
  }
}
