import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MdmConflictError, type VppApi, type WriteEndpoint } from '../../src/api/index.js';
import { applyPlan, applySummaryLine, ApplyRefusedError, checkStale, failureLines, Journal, type ApplyProgress } from '../../src/apply/index.js';
import { snapshot } from '../../src/live/index.js';
import { droppedConnections, respond } from '../../src/sim/faults.js';
import type { SimState } from '../../src/sim/state.js';
import {
  desiredState,
  driftedLocation,
  emptyLocation,
  expectMatches,
  FAST,
  MDM,
  PAGES,
  PLAN_OPTIONS,
  planAndApply,
  planFor,
  startHarness,
  users,
  type Harness,
} from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The client, recording in order each write accepted and each /status answer. */
function watch(api: VppApi) {
  const timeline: { write?: string; eventId: string; eventStatus?: string }[] = [];
  const proxy = new Proxy(api, {
    get(target, prop, receiver) {
      if (prop === 'status') {
        return async (eventId: string) => {
          const s = await target.status(eventId);
          timeline.push({ eventId, eventStatus: s.eventStatus });
          return s;
        };
      }
      if (prop === 'write') {
        return async (endpoint: WriteEndpoint, body: never) => {
          const e = await target.write(endpoint, body);
          timeline.push({ write: endpoint, eventId: e.eventId });
          return e;
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return { api: proxy, timeline };
}

/** The runs of equal endpoints in the order the sim received writes. */
function writeRuns(harness: Harness): string[] {
  const runs: string[] = [];
  for (const w of harness.sim.log.writes()) if (runs.at(-1) !== w.path) runs.push(w.path);
  return runs;
}

describe('apply against the simulator', () => {
  it('converges an empty location, phase by phase, following PENDING events', async () => {
    const initial = emptyLocation();
    h = await startHarness(initial, { eventPendingMs: 200 });
    const progress: ApplyProgress[] = [];
    const { plan, replan } = await planFor(h, desiredState());
    const { api, timeline } = watch(h.api);
    const journal = Journal.open(h.stateDir, plan.uId);
    const result = await applyPlan(plan, { api, journal, replan }, { ...FAST, onProgress: (p) => progress.push(p) });

    expect(result.converged).toBe(true);
    expect(expectMatches(h.sim, desiredState(), initial)).toEqual([]);
    expect(applySummaryLine(result)).toMatch(
      new RegExp(`^Apply complete: ${plan.summary.associate} associated, 0 disassociated, 0 revoked, 10 user changes, ${plan.summary.subscriptionsAssociate} subscription changes in ${plan.requests.length} requests \\(0 retries\\) in \\d+\\.\\ds\\. Location converged\\.$`),
    );
    // Every phase ran once, in the plan's order: no write of a phase after a later phase began.
    expect(writeRuns(h)).toEqual(['/users/create', '/assets/associate', '/subscriptions/associate']);
    // Events were PENDING at the first poll (after 20 ms) and followed until they settled.
    const answers = timeline.filter((t) => t.eventStatus);
    expect(answers.map((t) => t.eventStatus)).toContain('PENDING');
    expect(answers.filter((t) => t.eventStatus !== 'PENDING')).toHaveLength(plan.requests.length);
    // A phase began only after every event of the previous phases had settled.
    const settled = new Set<string>();
    const written: { endpoint: string; eventId: string }[] = [];
    for (const t of timeline) {
      if (t.eventStatus && t.eventStatus !== 'PENDING') settled.add(t.eventId);
      if (!t.write) continue;
      for (const w of written) if (w.endpoint !== t.write) expect(settled.has(w.eventId)).toBe(true);
      written.push({ endpoint: t.write, eventId: t.eventId });
    }
    const last = progress.at(-1)!;
    expect(last.pairsDone).toBe(last.pairsTotal);
    expect(last.eventsSettled).toBe(plan.requests.length);
    // A converged apply archives its journal.
    expect(readdirSync(h.stateDir).every((f) => f.endsWith('.done.jsonl'))).toBe(true);
  });

  it('converges a drifted location (removals, revokes, seats) and then has nothing to do', async () => {
    const initial = driftedLocation();
    h = await startHarness(initial);
    const { plan, result } = await planAndApply(h, desiredState());

    expect(plan.summary.disassociate + plan.summary.revoke).toBeGreaterThan(0);
    expect(result.converged).toBe(true);
    expect(result.failures).toEqual([]);
    expect(expectMatches(h.sim, desiredState(), initial)).toEqual([]);
    expect(result.done['assets/associate']?.pairs).toBe(plan.summary.associate);
    expect(result.done['assets/disassociate']?.pairs ?? 0).toBe(plan.summary.disassociate);
    expect(result.done['assets/revoke']?.pairs ?? 0).toBe(plan.summary.revoke);
    const runs = writeRuns(h);
    // Licenses are freed before they are taken.
    expect(runs.indexOf('/assets/associate')).toBeGreaterThan(Math.max(runs.indexOf('/assets/disassociate'), runs.indexOf('/assets/revoke')));

    const writes = h.sim.log.writes().length;
    const again = await planAndApply(h, desiredState());
    expect(again.plan.requests).toEqual([]);
    expect(again.result.converged).toBe(true);
    expect(h.sim.log.writes().length).toBe(writes);
  });

  it('refuses a saved plan once the live state moved (stale)', async () => {
    h = await startHarness(emptyLocation());
    const { plan, live } = await planFor(h, desiredState());
    expect(checkStale(plan, live)).toEqual({ stale: false });
    await h.api.write('assets/associate', { assets: [PAGES], clientUserIds: ['s-99'] });
    await new Promise((r) => setTimeout(r, 80));
    const moved = await snapshot(h.api);
    const verdict = checkStale(plan, moved);
    expect(verdict.stale).toBe(true);
    expect(verdict.reason).toMatch(/changed since the plan was made/);
  });

  it('claims an unclaimed location before anything else, and takes over one only when told to', async () => {
    const unclaimed: SimState = { ...emptyLocation() };
    delete unclaimed.mdmInfo;
    h = await startHarness(unclaimed);
    const first = await planAndApply(h, desiredState());
    expect(first.plan.requests[0]).toMatchObject({ endpoint: 'client/config', body: { mdmInfo: MDM } });
    expect(first.result.converged).toBe(true);
    expect(first.result.done['client/config']).toEqual({ requests: 1, pairs: 0 });
    expect(h.sim.model.snapshot().mdmInfo).toMatchObject(MDM);
    expect(h.sim.log.entries.find((e) => e.method === 'POST')?.path).toBe('/client/config');
    await h.close();

    h = await startHarness({ ...emptyLocation(), mdmInfo: { id: 'other-mdm', name: 'Jamf Pro' } }, {}, { takeOver: true });
    const taken = await planAndApply(h, desiredState(), {}, { ...PLAN_OPTIONS, takeOver: true });
    expect(taken.plan.changes.claim?.from?.id).toBe('other-mdm');
    expect(taken.result.converged).toBe(true);
    expect(h.sim.model.snapshot().mdmInfo).toMatchObject(MDM);
  });

  it('refuses a location claimed by another installation, and writes nothing', async () => {
    const claimed: SimState = { ...emptyLocation(), mdmInfo: { id: 'other-mdm', name: 'Jamf Pro' } };
    h = await startHarness(claimed);
    const { plan, replan } = await planFor(h, desiredState());
    const journal = Journal.open(h.stateDir, plan.uId);
    await expect(applyPlan(plan, { api: h.api, journal, replan }, FAST)).rejects.toThrow(ApplyRefusedError);
    expect(h.sim.log.writes()).toEqual([]);
    expect(h.sim.log.entries.filter((e) => e.method === 'POST')).toEqual([]);
  });

  it('stops before the first write when another installation claimed the location after the plan was made', async () => {
    h = await startHarness(emptyLocation());
    const { plan, replan } = await planFor(h, desiredState());
    h.sim.model.setMdmInfo({ id: 'other-mdm', name: 'Jamf Pro' });
    const journal = Journal.open(h.stateDir, plan.uId);
    const result = await applyPlan(plan, { api: h.api, journal, replan }, FAST);
    expect(result.stopped?.error).toBeInstanceOf(MdmConflictError);
    expect(result.converged).toBe(false);
    expect(applySummaryLine(result)).toMatch(/^Apply incomplete: .*Location NOT converged: stopped: refusing .*another installation/);
    expect(h.sim.log.entries.filter((e) => e.method === 'POST')).toEqual([]);
  });

  it('splits a mixed users+devices request Apple refuses into users-only and devices-only', async () => {
    const initial = emptyLocation();
    h = await startHarness(initial, { rejectMixedTargets: true });
    const { plan, result, journal, logs } = await planAndApply(h, desiredState());
    expect(plan.requests.some((r) => r.endpoint === 'assets/associate' && r.body.clientUserIds?.length && r.body.serialNumbers?.length)).toBe(true);
    expect(result.converged).toBe(true);
    expect(expectMatches(h.sim, desiredState(), initial)).toEqual([]);
    const refused = h.sim.log.entries.filter((e) => e.path === '/assets/associate' && e.status === 400);
    expect(refused.map((e) => e.errorNumber)).toEqual([9602]);
    for (const w of h.sim.log.writes()) {
      const body = w.body as { clientUserIds?: string[]; serialNumbers?: string[] };
      expect((body.clientUserIds?.length ?? 0) > 0 && (body.serialNumbers?.length ?? 0) > 0).toBe(false);
    }
    expect(logs.some((l) => /sending them separately/.test(l))).toBe(true);
    expect(journal.all().length).toBe(0); // archived after converging
  });

  it('reports licenses running out (9709) per pair with the asset name and what to do', async () => {
    const initial = emptyLocation();
    initial.assets = initial.assets.map((a) => (a.adamId === PAGES.adamId ? { ...a, totalCount: 40 } : a));
    h = await startHarness(initial);
    const desired = desiredState();
    desired.policy.prune = false;
    const { plan, replan } = await planFor(h, desired);
    expect(plan.errors).toEqual([]);
    // Someone else takes 10 of the 40 licenses between plan and apply; the plan needs 35.
    await h.api.write('assets/associate', { assets: [PAGES], clientUserIds: [...users(26, 30), 's-50', 's-99'], serialNumbers: ['X1', 'X2', 'X3'] });
    await new Promise((r) => setTimeout(r, 80));
    const journal = Journal.open(h.stateDir, plan.uId);
    const result = await applyPlan(plan, { api: h.api, journal, replan }, FAST);

    expect(result.converged).toBe(false);
    const short = result.failures.filter((f) => f.errorNumber === 9709);
    expect(short).toHaveLength(5);
    for (const f of short) {
      expect(f).toMatchObject({ endpoint: 'assets/associate', assetName: 'Pages', adamId: PAGES.adamId, pricingParam: 'STDQ' });
      expect(f.clientUserId ?? f.serialNumber).toBeTruthy();
      expect(f.advice).toMatch(/buy 5 more licenses or remove holders/);
    }
    expect(result.remaining?.errors.length).toBeGreaterThan(0);
    expect(failureLines(result)).toEqual([
      expect.stringMatching(/^assets\/associate Pages \(361309726 STDQ\): error 9709 \(.+\) for 5 holders: .+\. Not enough licenses: buy 5 more licenses or remove holders/),
    ]);
    expect(applySummaryLine(result)).toMatch(/Location NOT converged: still to do: 5 to associate;.*5 pairs failed/);
    // Not archived: the journal stays for the next run, which starts fresh after its `end` record.
    expect(journal.pending()).toEqual({ outstanding: [], unknown: [] });
  });
});

describe('apply when events or connections misbehave', () => {
  it('resubmits an event still PENDING after resubmitAfterMs, a bounded number of times, and journals it', async () => {
    const initial = emptyLocation();
    // Events stay PENDING for an hour, so the first poll finds the event overdue whatever the load.
    // When the resubmission arrives, the simulator's clock skips that hour and events settle at
    // once from then on (in order: the first, then the resubmitted one).
    const HOUR = 3_600_000;
    let skipped = 0;
    h = await startHarness(initial, { eventPendingMs: HOUR, now: () => Date.now() + skipped });
    const model = h.sim.model;
    let associations = 0;
    h.sim.use(
      respond({ paths: ['/assets/associate'] }, () => {
        if (++associations === 2) {
          skipped = HOUR;
          model.options.eventPendingMs = 0;
        }
        return undefined;
      }),
    );
    const desired = desiredState();
    desired.users = desired.users.filter((u) => Number(u.clientUserId.slice(2)) <= 30); // all registered already
    desired.assets = desired.assets.slice(2); // one request: the book
    desired.subscriptions = [];
    // The first poll, 150 ms after the event was accepted, finds it overdue (>= 100 ms) and resubmits.
    const { plan, result, logs } = await planAndApply(h, desired, { resubmitAfterMs: 100, pollIntervalMs: 150 });

    expect(plan.requests).toHaveLength(1);
    expect(result.converged, logs.join('\n')).toBe(true);
    expect(associations).toBe(2);
    expect(result.retries).toBe(1);
    const done = readdirSync(h.stateDir).find((f) => f.endsWith('.done.jsonl'))!;
    const records = readFileSync(join(h.stateDir, done), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { t: string; resubmitOf?: number; reason?: string });
    const abandoned = records.filter((r) => r.t === 'abandoned');
    expect(abandoned).toHaveLength(result.retries);
    for (const r of abandoned) expect(r.reason).toMatch(/resubmitted/);
    expect(records.filter((r) => r.resubmitOf !== undefined)).toHaveLength(result.retries);
    const sent = h.sim.log.writes().map((w) => JSON.stringify(w.body));
    expect(new Set(sent).size).toBe(1);
    expect(sent).toHaveLength(result.retries + 1);
  });

  it('never resends a write whose connection dropped: the re-plan finds what is missing', async () => {
    const initial = emptyLocation();
    h = await startHarness(initial);
    h.sim.use(droppedConnections({ rate: 1, limit: 1, when: (r) => r.method === 'POST' && r.url.endsWith('/assets/associate') }));
    const { result, logs } = await planAndApply(h, desiredState());

    expect(result.unknown).toHaveLength(1);
    expect(result.unknown[0]!.reason).toMatch(/may or may not have been accepted/);
    expect(logs.some((l) => /^re-plan: .* still missing/.test(l))).toBe(true);
    expect(result.converged).toBe(true);
    expect(expectMatches(h.sim, desiredState(), initial)).toEqual([]);
    // The dropped request never reached the model, so nothing was done twice.
    const bodies = h.sim.log.writes().map((w) => `${w.path} ${JSON.stringify(w.body)}`);
    expect(new Set(bodies).size).toBe(bodies.length);
  });
});
