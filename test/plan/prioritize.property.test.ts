/**
 * policy.whenShort: prioritize over random short assets and subscriptions: groups that include
 * each other, lists in any order with repeats, priorities, current holders wanted or not, few
 * licenses. The expected serving order is written here from the rule itself (concatenate, keep
 * first occurrences), independently of the planner's walk; the plan is then run with Apple's
 * semantics, counting licenses as it goes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ListedMembers } from '../../src/config/types.js';
import type { LiveState } from '../../src/live/types.js';
import { makePlan } from '../../src/plan/index.js';
import type { LocationPlan } from '../../src/plan/types.js';
import { asset, at, desiredState, liveState, OPTIONS, owned } from './fixtures.js';

const USERS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8'];
const DEVICES = ['d1', 'd2', 'd3', 'd4', 'd5'];
const GROUPS = ['g0', 'g1', 'g2', 'g3'];
const ASSETS = ['11', '12'];
const SUB = 501;
const LIMITS = { maxAssets: 1, maxClientUserIds: 3, maxSerialNumbers: 2, maxRevokeClientUserIds: 2, maxRevokeSerialNumbers: 2, maxSubscriptionClientUserIds: 2 };

const written = <T>(pool: T[]) => fc.array(fc.constantFrom(...pool), { maxLength: 6 });
// A group includes only groups after it: nesting without cycles (cycles are loader errors).
const groupsArb = fc.tuple(
  ...GROUPS.map((_, i) => fc.record({ users: written(USERS), devices: written(DEVICES), groups: fc.shuffledSubarray(GROUPS.slice(i + 1)) })),
);
const ownerArb = fc.record({
  users: written(USERS),
  devices: written(DEVICES),
  groups: fc.shuffledSubarray(GROUPS),
  priority: fc.shuffledSubarray(GROUPS),
  live: fc.subarray([...USERS.map((u) => `u:${u}`), ...DEVICES.map((d) => `d:${d}`)]),
  available: fc.nat(5),
});
const caseArb = fc.record({
  groups: groupsArb,
  assets: fc.tuple(ownerArb, ownerArb),
  sub: ownerArb,
  /** Seat kind held by each live subscription holder, by position. */
  liveRenewing: fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }),
  renewing: fc.boolean(),
  otherKindAvailable: fc.nat(5),
  prune: fc.boolean(),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;
type Owner = Case['sub'];

/** Members of a group, as the rule reads: its users, devices, then its groups' members, repeats kept. */
function members(c: Case, lists: ListedMembers): string[] {
  return [
    ...lists.users.map((u) => `u:${u}`),
    ...lists.devices.map((d) => `d:${d}`),
    ...lists.groups.flatMap((g) => members(c, c.groups[GROUPS.indexOf(g)]!)),
  ];
}

const unique = (xs: string[]): string[] => [...new Set(xs)];

function reachable(c: Case, names: readonly string[]): Set<string> {
  return new Set(names.flatMap((g) => [g, ...reachable(c, c.groups[GROUPS.indexOf(g)]!.groups)]));
}

/** `priority` as the loader accepts it: groups the owner uses, directly or through its groups. */
function priorityOf(c: Case, o: Owner): string[] {
  const used = reachable(c, o.groups);
  return o.priority.filter((g) => used.has(g));
}

/** Serving order from the rule: priority groups' members, then the owner's, first occurrence kept. */
function servingOrder(c: Case, o: Owner, usersOnly = false): string[] {
  const order = unique([...priorityOf(c, o).flatMap((g) => members(c, c.groups[GROUPS.indexOf(g)]!)), ...members(c, o)]);
  return usersOnly ? order.filter((k) => k.startsWith('u:')) : order;
}

const ids = (keys: string[], kind: 'u' | 'd'): string[] => keys.filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(2));

function build(c: Case) {
  const listedGroups = new Map(GROUPS.map((g, i) => [g, c.groups[i]!]));
  const assets = ASSETS.map((id, i) => {
    const o = c.assets[i]!;
    const want = servingOrder(c, o);
    return asset(id, ids(want, 'u'), ids(want, 'd'), { servingOrder: { priority: priorityOf(c, o), listed: o } });
  });
  const subUsers = ids(servingOrder(c, c.sub, true), 'u');
  const subscriptions = [{ adamId: SUB, renewing: c.renewing, users: [...subUsers].sort(), servingOrder: { priority: priorityOf(c, c.sub), listed: c.sub }, at }];
  const desired = desiredState({ assets, subscriptions, listedGroups, policy: { whenShort: 'prioritize', prune: c.prune } });
  const liveSeats = ids(c.sub.live, 'u').map((u, i) => ({ clientUserId: u, renewing: c.liveRenewing[i]! }));
  const kinds = { renewing: c.renewing ? c.sub.available : c.otherKindAvailable, expiring: c.renewing ? c.otherKindAvailable : c.sub.available };
  const live = liveState({
    limits: LIMITS,
    assignments: Object.fromEntries(ASSETS.map((id, i) => [id, { users: ids(c.assets[i]!.live, 'u'), devices: ids(c.assets[i]!.live, 'd') }])),
    assets: ASSETS.map((id, i) => owned(id, { availableCount: c.assets[i]!.available })),
    users: USERS.map((clientUserId) => ({ clientUserId, status: 'Registered' as const })),
    subscriptions: [{ adamId: SUB, counts: { assigned: { renewing: 0, expiring: 0 }, available: kinds, total: kinds } }],
    subscriptionAssignments: new Map([[SUB, liveSeats]]),
  });
  return { desired, live };
}

interface After {
  holders: Map<string, Set<string>>;
  available: Map<string, number>;
  seats: Map<string, boolean>;
  free: { renewing: number; expiring: number };
}

/** The location after the plan, by Apple's semantics; fails when any write asks for a license there is not. */
function run(plan: LocationPlan, live: LiveState): After {
  const holders = new Map(ASSETS.map((id) => {
    const h = live.assignments.get(`${id}:STDQ`);
    return [id, new Set([...(h?.users ?? []).map((u) => `u:${u}`), ...(h?.devices ?? []).map((d) => `d:${d}`)])];
  }));
  const available = new Map(live.assets.map((a) => [a.adamId, a.availableCount]));
  const seats = new Map((live.subscriptionAssignments.get(SUB) ?? []).map((s) => [s.clientUserId, s.renewing]));
  const free = { ...live.subscriptions[0]!.counts.available };
  const kind = (renewing: boolean) => (renewing ? 'renewing' : 'expiring');
  for (const r of plan.requests) {
    if (r.endpoint === 'assets/associate' || r.endpoint === 'assets/disassociate' || r.endpoint === 'assets/revoke') {
      const targets = [...(r.body.clientUserIds ?? []).map((u) => `u:${u}`), ...(r.body.serialNumbers ?? []).map((d) => `d:${d}`)];
      const assets = 'assets' in r.body ? r.body.assets.map((a) => a.adamId) : ASSETS;
      for (const id of assets) {
        for (const t of targets) {
          const has = holders.get(id)!.has(t);
          if (r.endpoint === 'assets/associate') {
            expect(has, `associate ${id} ${t} already held`).toBe(false);
            expect(available.get(id), `no license left for ${id} ${t}`).toBeGreaterThan(0);
            available.set(id, available.get(id)! - 1);
            holders.get(id)!.add(t);
          } else if (has) {
            available.set(id, available.get(id)! + 1);
            holders.get(id)!.delete(t);
          }
        }
      }
    } else if (r.endpoint === 'subscriptions/associate') {
      for (const u of r.body.clientUserIds) {
        const k = kind(r.body.renewing !== false);
        expect(free[k], `no ${k} seat left for ${u}`).toBeGreaterThan(0);
        free[k]--;
        seats.set(u, r.body.renewing !== false);
      }
    } else if (r.endpoint === 'subscriptions/disassociate') {
      for (const u of r.body.clientUserIds) {
        free[kind(seats.get(u)!)]++;
        seats.delete(u);
      }
    }
  }
  return { holders, available, seats, free };
}

/** The live state as Apple would report it after the plan ran, with licenses bought on top. */
function settled(live: LiveState, after: After, bought: { asset: number; seats: number; renewing: boolean }): LiveState {
  const free = { ...after.free };
  free[bought.renewing ? 'renewing' : 'expiring'] += bought.seats;
  return {
    ...live,
    assignments: new Map(ASSETS.map((id) => [`${id}:STDQ`, { users: ids([...after.holders.get(id)!], 'u').sort(), devices: ids([...after.holders.get(id)!], 'd').sort() }])),
    assets: live.assets.map((a, i) => ({ ...a, availableCount: after.available.get(a.adamId)! + (i === 0 ? bought.asset : 0) })),
    subscriptions: [{ adamId: SUB, counts: { ...live.subscriptions[0]!.counts, available: free } }],
    subscriptionAssignments: new Map([[SUB, [...after.seats].map(([clientUserId, renewing]) => ({ clientUserId, renewing })).sort((a, b) => (a.clientUserId < b.clientUserId ? -1 : 1))]]),
  };
}

/** What the rule says: new holders in serving order, the first `licenses` served, the rest waiting. */
function expected(order: string[], live: string[], wanted: Set<string>, licenses: number, prune: boolean) {
  const fresh = order.filter((k) => !live.includes(k));
  const freed = prune ? live.filter((k) => !wanted.has(k)).length : 0;
  const capacity = licenses + freed;
  return { served: fresh.slice(0, capacity), waiting: fresh.slice(capacity), kept: live.filter((k) => wanted.has(k) || !prune) };
}

function assetExpectations(c: Case, i: number) {
  const o = c.assets[i]!;
  const order = servingOrder(c, o);
  return expected(order, o.live, new Set(order), o.available, c.prune);
}

function seatExpectations(c: Case) {
  const order = servingOrder(c, c.sub, true);
  const liveUsers = ids(c.sub.live, 'u').map((u) => `u:${u}`);
  const wanted = new Set(order);
  const freedOfKind = c.prune ? ids(c.sub.live, 'u').filter((u, k) => !wanted.has(`u:${u}`) && c.liveRenewing[k] === c.renewing).length : 0;
  const fresh = order.filter((k) => !liveUsers.includes(k));
  const capacity = c.sub.available + freedOfKind;
  return { served: fresh.slice(0, capacity), waiting: fresh.slice(capacity), kept: liveUsers.filter((k) => wanted.has(k) || !c.prune) };
}

const waitingOf = (plan: LocationPlan, id: string): string[] => {
  const w = plan.changes.assets.find((a) => a.adamId === id)?.waiting;
  return w ? [...w.users.map((u) => `u:${u}`), ...w.devices.map((d) => `d:${d}`)] : [];
};
const seatWaitingOf = (plan: LocationPlan): string[] => (plan.changes.subscriptions[0]?.waiting ?? []).map((u) => `u:${u}`);
const byKind = (keys: string[]): string[] => [...keys.filter((k) => k.startsWith('u:')), ...keys.filter((k) => k.startsWith('d:'))];
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('whenShort: prioritize on random short assets and subscriptions', () => {
  it('serves exactly the first of the priority order, takes from no wanted holder, never asks for a license there is not', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { desired, live } = build(c);
        const plan = makePlan(desired, live, { ...OPTIONS, allowMassRemoval: true });
        expect(plan.errors).toEqual([]);
        const after = run(plan, live);

        let waiting = 0;
        ASSETS.forEach((id, i) => {
          const e = assetExpectations(c, i);
          expect(sorted(after.holders.get(id)!), `holders of ${id}`).toEqual(sorted([...e.kept, ...e.served]));
          for (const k of e.kept) expect(after.holders.get(id)!.has(k), `${k} kept ${id}`).toBe(true);
          // Each kind in serving order (the plan lists users, then devices).
          expect(waitingOf(plan, id), `waiting for ${id}`).toEqual(byKind(e.waiting));
          waiting += e.waiting.length;
        });
        const s = seatExpectations(c);
        expect(sorted(after.seats.keys()).map((u) => `u:${u}`), 'seats').toEqual(sorted([...s.kept, ...s.served]));
        expect(seatWaitingOf(plan), 'waiting for seats').toEqual(s.waiting);
        waiting += s.waiting.length;

        expect(plan.summary.waiting ?? 0).toBe(waiting);
        expect(plan.warnings.filter((w) => w.code.startsWith('waiting-for-')).length).toBe(
          ASSETS.filter((id) => waitingOf(plan, id).length > 0).length + (s.waiting.length > 0 ? 1 : 0),
        );
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it('after the plan ran, the next one sends nothing and names the same waiting; licenses bought serve them in order', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(4), fc.nat(4), (c, asset, seats) => {
        const { desired, live } = build(c);
        const options = { ...OPTIONS, allowMassRemoval: true };
        const first = makePlan(desired, live, options);
        const after = run(first, live);

        const next = makePlan(desired, settled(live, after, { asset: 0, seats: 0, renewing: c.renewing }), options);
        expect(next.requests).toEqual([]);
        expect(next.errors).toEqual([]);
        expect(next.changes.assets.map((a) => a.waiting)).toEqual(first.changes.assets.filter((a) => a.waiting).map((a) => a.waiting));
        expect(seatWaitingOf(next)).toEqual(seatWaitingOf(first));
        expect(next.summary.waiting).toBe(first.summary.waiting);

        // Bought: licenses of asset 11 and seats of the kind the file assigns.
        const bought = makePlan(desired, settled(live, after, { asset, seats, renewing: c.renewing }), options);
        const waited = assetExpectations(c, 0).waiting;
        expect(sorted(addedTo(bought, '11'))).toEqual(sorted(waited.slice(0, asset)));
        expect(waitingOf(bought, '11')).toEqual(byKind(waited.slice(asset)));
        expect(waitingOf(bought, '12')).toEqual(waitingOf(first, '12'));
        const seatWaited = seatWaitingOf(first);
        expect((bought.changes.subscriptions[0]?.add ?? []).map((u) => `u:${u}`)).toEqual(sorted(seatWaited.slice(0, seats)));
        expect(seatWaitingOf(bought)).toEqual(seatWaited.slice(seats));
      }),
      { seed: 20261123, numRuns: 200 },
    );
  });
});

/** Pairs the plan adds to an asset. */
function addedTo(plan: LocationPlan, id: string): string[] {
  const a = plan.changes.assets.find((x) => x.adamId === id);
  return a ? [...a.add.users.map((u) => `u:${u}`), ...a.add.devices.map((d) => `d:${d}`)] : [];
}
