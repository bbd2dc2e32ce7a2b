/**
 * Apply: execute a location's plan against Apple, follow every event to its end, and prove the
 * location matches the file.
 *
 * Order. A plan with errors is refused (so is a saved plan whose live state moved: checkStale).
 * If the journal shows an interrupted run, that run is finished first (below). Then the location
 * is claimed (client/config) if the plan says so, and the requests run phase by phase in the
 * plan's order: user creation, removals, additions, updates, retirements, subscriptions. A phase
 * starts only when every event of the previous one settled. Within a phase, writes go out 5 at a
 * time (the client holds them to Apple's per-second cap) and each eventId is followed on /status:
 * the first poll after min(poll interval, 5 s), or once an event of the same endpoint has settled,
 * no sooner than the fastest one did (polls share the rate cap with writes), then every poll
 * interval (default 30 s, Apple's minimum); an event still PENDING after 10 minutes is sent again
 * (at most twice).
 *
 * Failures. Failures inside an event are mapped back to the (asset, user-or-device) pairs their
 * errorInfo names (all pairs of the request when it names none). Transient ones (9603, 9644, 9646,
 * 9729) are retried in new, smaller requests holding only those pairs, after 5 s, 15 s, 45 s (3
 * rounds by default). Permanent ones (9609 unregistered user, 9709 not enough licenses, 9706,
 * 9707, ...) are reported per pair with the asset's name and what to do. A mixed users+devices
 * request Apple refuses with 400 is split into users-only and devices-only requests, and later
 * ones are split before sending. Never retried: a write whose outcome is unknown (the connection
 * dropped after it was sent); it is recorded and left to the re-plan. Another installation's claim
 * (MdmConflictError) or a refused token stops all sending; events in flight are still followed.
 *
 * Lock. Whoever applies takes the location's lock (`lock-<uId>.json` in the state dir, lock.ts)
 * before its first write and releases it however it ends; a second apply of the location refuses,
 * naming the holder, and a lock left by a dead process of this host is taken over.
 *
 * Journal. Every write is recorded before it is sent, then its eventId, then how its event
 * settled, in a fsync-ed JSON-lines file per location (`.vppctl/` beside the file). A rerun after
 * a crash resumes: it follows the events Apple accepted instead of resending them, treats writes
 * with no recorded answer as unknown, then plans again and applies what is left. A converged
 * apply archives the journal (`*.done.jsonl`).
 *
 * Verify. After the last event the live state is read again and planned again; what is still
 * missing (writes whose outcome was unknown) is applied in further passes, up to the same bound.
 * A pair that already failed for good in this run (refused, or a transient failure that outlasted
 * its retry rounds, reported with how many tries over how long) is not sent again by a later pass
 * (not-again.ts): a failure that never clears gets one phase's rounds per run, not one per pass. A pass stops at a re-plan with errors: the planner checks licenses, device-assignability,
 * revocability and registrations against the fresh state, so pairs refused for those reasons are
 * not sent again. Converged = the last re-plan has no requests and no errors; the failures
 * reported are those of pairs it still wants. Holders waiting for a license (whenShort:
 * prioritize) are neither: the re-plan serves them in the same order if licenses were freed
 * meanwhile, and otherwise only reports them, so a location matching the prioritized plan converges.
 */
export { applyPlan } from './apply-plan.js';
export { hasPending, Journal } from './journal.js';
export { LocationLock, LockHeldError, releaseHeldLocks, type LockHolder } from './lock.js';
export { defaultStateDir } from '../shared/state-dir.js';
export type { JournalPending, JournalRecord } from './journal.js';
export type { ApplyDeps, ApplyOptions, ApplyPhase, ApplyProgress } from './options.js';
export { ApplyRefusedError, checkStale } from './refuse.js';
export type { ApplyResult, PairFailure, UnknownOutcome } from './result.js';
export { applySummaryLine, failureLines } from './summary.js';
