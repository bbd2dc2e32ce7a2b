/**
 * Random small locations with tight limits: applying the planned requests with Apple's semantics
 * (cross product for associate/disassociate, revoke strips every revocable asset of a target) must
 * give exactly the desired state for managed assets and leave the rest untouched, through requests
 * that only ever hold wanted pairs, once each, within the limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Limits } from '../../src/api/types.js';
import type { DesiredState } from '../../src/config/types.js';
import type { LiveState } from '../../src/live/types.js';
import { makePlan } from '../../src/plan/index.js';
import type { LocationPlan, PlanOptions } from '../../src/plan/types.js';
import { asset, at, desiredState, liveState, owned } from './fixtures.js';

const ASSETS = ['11', '12', '13', '14', '15', '16'];
const USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'];
const DEVICES = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];
const SUBS = [501, 502, 503];
const LIMITS: Partial<Limits> = {
  maxAssets: 3,
  maxClientUserIds: 4,
  maxSerialNumbers: 3,
  maxRevokeClientUserIds: 2,
  maxRevokeSerialNumbers: 2,
  maxUsers: 2,
  maxSubscriptions: 2,
  maxSubscriptionClientUserIds: 3,
};

const assetCase = fc.record({
  liveUsers: fc.subarray(USERS),
  liveDevices: fc.subarray(DEVICES),
  declared: fc.boolean(),
  wantUsers: fc.subarray(USERS),
  wantDevices: fc.subarray(DEVICES),
  revocable: fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }),
});
const subCase = fc.record({ live: fc.subarray(USERS), declared: fc.boolean(), want: fc.subarray(USERS), renewing: fc.boolean() });
const caseArb = fc.record({
  assets: fc.tuple(...ASSETS.map(() => assetCase)),
  subs: fc.tuple(...SUBS.map(() => subCase)),
  registered: fc.subarray(USERS),
  prune: fc.boolean(),
  scope: fc.constantFrom<'declared' | 'all'>('declared', 'all'),
  separate: fc.boolean(),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case): { desired: DesiredState; live: LiveState; options: PlanOptions } {
  const declared = ASSETS.flatMap((id, i) => (c.assets[i]!.declared ? [asset(id, c.assets[i]!.wantUsers, c.assets[i]!.wantDevices)] : []));
  const subscriptions = SUBS.flatMap((adamId, i) => (c.subs[i]!.declared ? [{ adamId, renewing: c.subs[i]!.renewing, users: [...c.subs[i]!.want].sort(), at }] : []));
  const desired = desiredState({ assets: declared, subscriptions, policy: { prune: c.prune, scope: c.scope } });
  const assignments = Object.fromEntries(ASSETS.map((id, i) => [id, { users: c.assets[i]!.liveUsers, devices: c.assets[i]!.liveDevices }]));
  const live = liveState({
    assignments,
    limits: LIMITS,
    assets: ASSETS.map((id, i) => owned(id, { revocable: c.assets[i]!.revocable })),
    users: c.registered.map((clientUserId) => ({ clientUserId, status: 'Registered' as const })),
    subscriptions: SUBS.map((adamId) => ({ adamId, counts: { assigned: { renewing: 0, expiring: 0 }, available: { renewing: 50, expiring: 50 }, total: { renewing: 50, expiring: 50 } } })),
    subscriptionAssignments: new Map(SUBS.map((adamId, i) => [adamId, c.subs[i]!.live.map((clientUserId) => ({ clientUserId, renewing: true }))])),
  });
  return { desired, live, options: { separateUsersAndDevices: c.separate, allowMassRemoval: true, takeOver: false } };
}

/** What the location holds after the plan, by Apple's semantics; fails on any unwanted pair. */
function apply(plan: LocationPlan, desired: DesiredState, live: LiveState, c: Case): Map<string, Set<string>> {
  const state = new Map<string, Set<string>>();
  for (const [key, h] of live.assignments) state.set(key, new Set([...h.users.map((u) => `u:${u}`), ...h.devices.map((d) => `d:${d}`)]));
  const wanted = new Map<string, Set<string>>(desired.assets.map((a) => [`${a.adamId}:STDQ`, new Set([...a.users.map((u) => `u:${u}`), ...a.devices.map((d) => `d:${d}`)])]));
  const initial = new Map([...state].map(([k, v]) => [k, new Set(v)]));
  const liveHas = (key: string, t: string): boolean => initial.get(key)?.has(t) === true;
  const revocable = new Set(live.assets.filter((a) => a.revocable).map((a) => `${a.adamId}:${a.pricingParam}`));
  const seen = new Set<string>();
  const once = (pair: string): void => {
    expect(seen.has(pair), `pair ${pair} sent twice`).toBe(false);
    seen.add(pair);
  };
  const seats = new Map(SUBS.map((id, i) => [id, new Set(c.subs[i]!.live)]));
  for (const r of plan.requests) {
    if (r.endpoint === 'assets/associate' || r.endpoint === 'assets/disassociate') {
      const targets = [...(r.body.clientUserIds ?? []).map((u) => `u:${u}`), ...(r.body.serialNumbers ?? []).map((d) => `d:${d}`)];
      for (const a of r.body.assets) {
        const key = `${a.adamId}:${a.pricingParam}`;
        for (const t of targets) {
          const isWanted = wanted.get(key)?.has(t) === true;
          if (r.endpoint === 'assets/associate') {
            expect(isWanted && !liveHas(key, t), `associate ${key} ${t} is not wanted`).toBe(true);
            once(`+${key}/${t}`);
            if (!state.has(key)) state.set(key, new Set());
            state.get(key)!.add(t);
          } else {
            expect(!isWanted && liveHas(key, t), `disassociate ${key} ${t} is not wanted`).toBe(true);
            once(`-${key}/${t}`);
            state.get(key)!.delete(t);
          }
        }
      }
    } else if (r.endpoint === 'assets/revoke') {
      const targets = [...(r.body.clientUserIds ?? []).map((u) => `u:${u}`), ...(r.body.serialNumbers ?? []).map((d) => `d:${d}`)];
      for (const t of targets) {
        for (const [key, holders] of state) {
          if (!revocable.has(key) || !holders.has(t)) continue;
          expect(wanted.get(key)?.has(t) !== true, `revoke takes wanted ${key} from ${t}`).toBe(true);
          once(`-${key}/${t}`);
          holders.delete(t);
        }
      }
    } else if (r.endpoint === 'subscriptions/associate' || r.endpoint === 'subscriptions/disassociate') {
      for (const id of r.body.adamIds) for (const u of r.body.clientUserIds) {
        once(`${r.endpoint}:${id}/${u}`);
        if (r.endpoint === 'subscriptions/associate') {
          expect(seats.get(id)!.has(u)).toBe(false);
          seats.get(id)!.add(u);
        } else {
          expect(seats.get(id)!.has(u)).toBe(true);
          seats.get(id)!.delete(u);
        }
      }
    }
  }
  for (const [i, id] of SUBS.entries()) {
    const s = c.subs[i]!;
    const expected = !s.declared ? s.live : c.prune ? s.want : [...new Set([...s.want, ...s.live])];
    expect([...seats.get(id)!].sort(), `seats of ${id}`).toEqual([...expected].sort());
  }
  return state;
}

function checkLimits(plan: LocationPlan, limits: Limits, separate: boolean): void {
  const noDuplicates = (xs: readonly unknown[]): void => expect(new Set(xs).size).toBe(xs.length);
  for (const r of plan.requests) {
    switch (r.endpoint) {
      case 'assets/associate':
      case 'assets/disassociate': {
        const users = r.body.clientUserIds ?? [];
        const devices = r.body.serialNumbers ?? [];
        expect(r.body.assets.length).toBeGreaterThan(0);
        expect(r.body.assets.length).toBeLessThanOrEqual(limits.maxAssets);
        expect(users.length).toBeLessThanOrEqual(limits.maxClientUserIds);
        expect(devices.length).toBeLessThanOrEqual(limits.maxSerialNumbers);
        expect(users.length + devices.length).toBeGreaterThan(0);
        if (separate) expect(users.length === 0 || devices.length === 0).toBe(true);
        noDuplicates(r.body.assets.map((a) => `${a.adamId}:${a.pricingParam}`));
        noDuplicates(users);
        noDuplicates(devices);
        break;
      }
      case 'assets/revoke': {
        const users = r.body.clientUserIds ?? [];
        const devices = r.body.serialNumbers ?? [];
        expect(users.length).toBeLessThanOrEqual(limits.maxRevokeClientUserIds);
        expect(devices.length).toBeLessThanOrEqual(limits.maxRevokeSerialNumbers);
        expect(users.length + devices.length).toBeGreaterThan(0);
        if (separate) expect(users.length === 0 || devices.length === 0).toBe(true);
        noDuplicates(users);
        noDuplicates(devices);
        break;
      }
      case 'users/create':
      case 'users/update':
      case 'users/retire':
        expect(r.body.users.length).toBeGreaterThan(0);
        expect(r.body.users.length).toBeLessThanOrEqual(limits.maxUsers);
        noDuplicates(r.body.users.map((u) => u.clientUserId));
        break;
      case 'subscriptions/associate':
      case 'subscriptions/disassociate':
        expect(r.body.adamIds.length).toBeGreaterThan(0);
        expect(r.body.adamIds.length).toBeLessThanOrEqual(limits.maxSubscriptions);
        expect(r.body.clientUserIds.length).toBeGreaterThan(0);
        expect(r.body.clientUserIds.length).toBeLessThanOrEqual(limits.maxSubscriptionClientUserIds);
        noDuplicates(r.body.adamIds);
        noDuplicates(r.body.clientUserIds);
        break;
      case 'client/config':
        break;
    }
  }
}

const RANK: Record<string, number> = {
  'client/config': 0,
  'users/create': 1,
  'assets/revoke': 2,
  'assets/disassociate': 3,
  'subscriptions/disassociate': 4,
  'assets/associate': 5,
  'subscriptions/associate': 6,
  'users/update': 7,
  'users/retire': 8,
};

describe('makePlan on random locations', () => {
  it('converges exactly, with wanted pairs only, once each, within the limits', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { desired, live, options } = build(c);
        const plan = makePlan(desired, live, options);
        checkLimits(plan, live.limits, c.separate);
        const ranks = plan.requests.map((r) => RANK[r.endpoint]!);
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

        const after = apply(plan, desired, live, c);
        ASSETS.forEach((id, i) => {
          const a = c.assets[i]!;
          const before = [...a.liveUsers.map((u) => `u:${u}`), ...a.liveDevices.map((d) => `d:${d}`)].sort();
          const want = [...a.wantUsers.map((u) => `u:${u}`), ...a.wantDevices.map((d) => `d:${d}`)].sort();
          const expected = a.declared ? (c.prune ? want : [...new Set([...want, ...before])].sort()) : c.scope === 'all' && c.prune ? [] : before;
          expect([...(after.get(`${id}:STDQ`) ?? [])].sort(), `asset ${id}`).toEqual(expected);
        });

        expect(plan.batching.assetRequests).toBe(plan.requests.filter((r) => r.endpoint.startsWith('assets/')).length);
        expect(plan.batching.assetRequests).toBeGreaterThanOrEqual(plan.batching.lowerBound);
        expect(plan.summary.requests).toBe(plan.requests.length);
        const revoked = new Set([...plan.changes.revoke.users.map((u) => `u:${u}`), ...plan.changes.revoke.devices.map((d) => `d:${d}`)]);
        let removedByDisassociate = 0;
        let added = 0;
        for (const a of plan.changes.assets) {
          const removed = [...a.remove.users.map((u) => `u:${u}`), ...a.remove.devices.map((d) => `d:${d}`)];
          removedByDisassociate += removed.filter((t) => !revoked.has(t)).length;
          added += a.add.users.length + a.add.devices.length;
          expect(a.desiredCount).toBe(a.liveCount + a.add.users.length + a.add.devices.length - removed.length);
        }
        expect(plan.summary.disassociate).toBe(removedByDisassociate);
        expect(plan.summary.associate).toBe(added);
        expect(plan.summary.revoke).toBe(revoked.size);
      }),
      { seed: 20261121, numRuns: 250 },
    );
  });
});
