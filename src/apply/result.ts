/**
 * What an apply did, what failed (per pair, with advice) and what is left: built up while apply
 * runs, read by the CLI to print the report and pick the exit code.
 */
import type { ErrorResponse, PricingParam, WriteEndpoint } from '../api/types.js';
import type { LocationPlan, PlanMessage, PlanSummary, PlannedRequest } from '../plan/types.js';
import { adviceFor } from './advice.js';
import { pairKey, pairsOf, type Pair } from './pairs.js';

type Endpoint = PlannedRequest['endpoint'];

export interface PairFailure {
  endpoint: WriteEndpoint;
  /** The asset's label from the file, when it has one. */
  assetName?: string;
  /** Asset adamId, or subscription adamId for subscriptions/*. */
  adamId?: string;
  pricingParam?: PricingParam;
  clientUserId?: string;
  serialNumber?: string;
  errorNumber: number;
  errorMessage: string;
  /** What the admin should do about it. */
  advice: string;
}

export interface UnknownOutcome {
  /** Journal id of the write. */
  id: number;
  endpoint: Endpoint;
  pairs: number;
  reason: string;
}

export interface ApplyResult {
  location: { name: string; source: string; uId: string };
  /** Per endpoint: requests whose events settled, and pairs (or users) done by them. */
  done: Partial<Record<Endpoint, { requests: number; pairs: number }>>;
  /** Every write sent, retries included. */
  requestsSent: number;
  /** Writes sent again: retry rounds of transient failures and resubmissions of stuck events. */
  retries: number;
  /** Pairs Apple refused for good (transient failures that ran out of rounds included). */
  failures: PairFailure[];
  /** Writes that may or may not have happened; the final re-plan covers them. */
  unknown: UnknownOutcome[];
  /** Set when apply stopped sending early (another installation claimed the location, a failed claim). */
  stopped?: { reason: string; error?: unknown };
  /** Set when this run finished an interrupted one first. */
  resumed?: { outstanding: number; unknown: number };
  /** What the verifying re-plan still wants; absent only if apply stopped before verifying. */
  remaining?: { summary: PlanSummary; errors: PlanMessage[] };
  durationMs: number;
  /** The verifying re-plan has no requests and no errors. */
  converged: boolean;
}

/** Collects outcomes while apply runs; `failures` get their advice once counts are known. */
export class ResultBuilder {
  readonly result: ApplyResult;
  private readonly names = new Map<string, string>();
  private readonly raw: { endpoint: WriteEndpoint; pair: Pair; failure: ErrorResponse }[] = [];

  constructor(plan: LocationPlan) {
    this.result = {
      location: { name: plan.name, source: plan.source, uId: plan.uId },
      done: {},
      requestsSent: 0,
      retries: 0,
      failures: [],
      unknown: [],
      durationMs: 0,
      converged: false,
    };
    this.learnNames(plan);
  }

  learnNames(plan: LocationPlan): void {
    for (const a of plan.changes.assets) if (a.name) this.names.set(`${a.adamId}:${a.pricingParam}`, a.name);
  }

  settled(endpoint: Endpoint, pairs: number): void {
    const d = (this.result.done[endpoint] ??= { requests: 0, pairs: 0 });
    d.requests++;
    d.pairs += pairs;
  }

  failed(endpoint: WriteEndpoint, pairs: readonly Pair[], failure: ErrorResponse): void {
    for (const pair of pairs) this.raw.push({ endpoint, pair, failure });
  }

  /**
   * Turns the collected failures into rows, keeping only pairs the verifying re-plan still wants
   * (a later pass may have done them); 9709 advice names the shortfall per asset.
   */
  finish(verdict?: LocationPlan): ApplyResult {
    const wanted = verdict && this.raw.length > 0 ? stillWanted(verdict) : undefined;
    const seen = new Set<string>();
    const rows = this.raw.filter((r) => {
      const k = `${pairKey(r.endpoint, r.pair)}|${r.failure.errorNumber}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return !wanted || wanted(r.endpoint, r.pair);
    });
    const counts = new Map<string, number>();
    const key = (r: (typeof this.raw)[number]) => `${r.endpoint}|${r.pair.asset ?? ''}|${r.failure.errorNumber}`;
    for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    this.result.failures = rows.map((r) => {
      const row: PairFailure = {
        endpoint: r.endpoint,
        errorNumber: r.failure.errorNumber,
        errorMessage: r.failure.errorMessage,
        advice: adviceFor(r.failure.errorNumber, counts.get(key(r))),
      };
      if (r.pair.asset !== undefined) {
        const [adamId, pricingParam] = r.pair.asset.split(':');
        row.adamId = adamId;
        if (pricingParam) row.pricingParam = pricingParam as PricingParam;
        const name = this.names.get(r.pair.asset);
        if (name) row.assetName = name;
      }
      if (r.pair.user !== undefined) row.clientUserId = r.pair.user;
      if (r.pair.device !== undefined) row.serialNumber = r.pair.device;
      return row;
    });
    return this.result;
  }
}

/** Removals may come back as revoke instead of disassociate (or the other way): match them by target. */
function removalKey(endpoint: WriteEndpoint, p: Pair): string | undefined {
  if (endpoint !== 'assets/disassociate' && endpoint !== 'assets/revoke') return undefined;
  return p.user !== undefined ? `u:${p.user}` : `d:${p.device}`;
}

function stillWanted(plan: LocationPlan): (endpoint: WriteEndpoint, p: Pair) => boolean {
  const exact = new Set<string>();
  const removals = new Set<string>();
  for (const r of plan.requests) {
    if (r.endpoint === 'client/config') continue;
    for (const p of pairsOf(r)) {
      exact.add(pairKey(r.endpoint, p));
      const rk = removalKey(r.endpoint, p);
      if (rk) removals.add(rk);
    }
  }
  return (endpoint, p) => {
    const rk = removalKey(endpoint, p);
    return exact.has(pairKey(endpoint, p)) || (rk !== undefined && removals.has(rk));
  };
}
