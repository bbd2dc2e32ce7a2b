import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { importLocation } from '../../src/import/index.js';
import type { LiveState } from '../../src/live/types.js';
import { expandImported, liveFixture, liveHolders } from '../live/live-fixture.js';

const school = () =>
  liveFixture({
    locationName: 'Central School',
    mdm: { id: '6f1c1b7e-2d1f-4b1e-9f5a-0c6c2e7d9a10', name: 'vppctl' },
    users: [
      { clientUserId: 's-1002', email: 's1002@school.example.com', status: 'Registered' },
      { clientUserId: 's-1001', email: 's1001@school.example.com', managedAppleId: 's1001@appleid.school.example.com', status: 'Associated' },
      { clientUserId: 's-1003', status: 'Registered' },
      { clientUserId: '1004', status: 'Registered' },
    ],
    assets: [
      { adamId: '409183694', users: ['s-1001', 's-1002'], devices: ['DMPX1234ABCD', 'F2LX0000ABCD'] },
      { adamId: '361309726', users: ['s-1001', 's-1002', 's-1003'], devices: ['DMPX1234ABCD', 'F2LX0000ABCD'] },
      { adamId: '361285480', pricingParam: 'PLUS', users: ['1004'] },
      { adamId: '1449461230', productType: 'Book' },
    ],
    seats: [
      { adamId: 67890, clientUserId: 's-1001', renewing: true },
      { adamId: 67890, clientUserId: 's-1002', renewing: true },
      { adamId: 67890, clientUserId: 's-1003', renewing: false },
      { adamId: 12345, clientUserId: 's-1003', renewing: false },
    ],
  });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same content, every list and map in another order. */
function reordered(live: LiveState, seed: number): LiveState {
  return {
    ...live,
    assets: shuffled(live.assets, seed),
    users: shuffled(live.users, seed + 1),
    assignments: new Map(
      shuffled([...live.assignments], seed + 2).map(([k, h]) => [k, { users: shuffled(h.users, seed), devices: shuffled(h.devices, seed) }]),
    ),
    subscriptions: shuffled(live.subscriptions, seed + 3),
    subscriptionAssignments: new Map(shuffled([...live.subscriptionAssignments], seed + 4).map(([k, s]) => [k, shuffled(s, seed)])),
  };
}

describe('importLocation', () => {
  it('writes a desired-state file with the location, users, groups, assets and subscriptions', () => {
    const text = importLocation(school());
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./schemas/vppctl.schema.json');
    const doc = parse(text);
    expect(doc.version).toBe(1);
    // The live claim is not copied: which identity to write is the caller's (identity.ts).
    expect(doc.location).toEqual({ name: 'Central School', token: 'VPP_TOKEN' });
    expect(doc.policy).toEqual({ prune: true, scope: 'declared' });
    expect(doc.users).toEqual([
      { clientUserId: '1004' },
      { clientUserId: 's-1001', managedAppleId: 's1001@appleid.school.example.com', email: 's1001@school.example.com' },
      { clientUserId: 's-1002', email: 's1002@school.example.com' },
      { clientUserId: 's-1003' },
    ]);
    // s-1001, s-1002 and both devices hold the same two apps: one group.
    expect(doc.groups).toEqual({ 'set-01': { users: ['s-1001', 's-1002'], devices: ['DMPX1234ABCD', 'F2LX0000ABCD'] } });
    expect(doc.assets).toEqual([
      { adamId: '361285480', pricingParam: 'PLUS', users: ['1004'] },
      { adamId: '361309726', pricingParam: 'STDQ', groups: ['set-01'], users: ['s-1003'] },
      { adamId: '409183694', pricingParam: 'STDQ', groups: ['set-01'] },
      { adamId: '1449461230', pricingParam: 'STDQ' },
    ]);
    expect(doc.subscriptions).toEqual([
      { adamId: 12345, renewing: false, users: ['s-1003'] },
      // set-01 holds devices, which a subscription cannot take: its users are listed instead.
      { adamId: 67890, renewing: true, users: ['s-1001', 's-1002', 's-1003'] },
    ]);
  });

  it('quotes adamIds and numeric-looking user ids so they read back as strings', () => {
    const text = importLocation(school());
    expect(text).toContain('adamId: "361309726"');
    expect(text).toContain('clientUserId: "1004"');
    expect(text).toMatch(/^subscriptions:\n(.*\n)*  - adamId: 67890$/m);
  });

  it('leaves a name comment on every asset and names mixed subscription seats in a comment', () => {
    const text = importLocation(school());
    expect(text).toContain('# App, name: look up adamId 361309726 in Apple School Manager or Apple Business Manager\n');
    expect(text).toContain('# Book, name: look up adamId 1449461230 in Apple School Manager or Apple Business Manager (nobody holds it)\n');
    expect(text).toContain('  # renewing sets what new seats get; 1 seat expires (renewing: false) and is kept as it is: s-1003\n  - adamId: 67890\n');
  });

  it('names at most ten odd seats in a comment', () => {
    const seats = Array.from({ length: 30 }, (_, i) => ({ adamId: 5, clientUserId: `u${String(i).padStart(2, '0')}`, renewing: i >= 12 }));
    const text = importLocation(liveFixture({ assets: [], seats }));
    expect(text).toContain('12 seats expire (renewing: false) and are kept as they are: u00, u01, u02, u03, u04, u05, u06, u07, u08, u09, and 2 more\n');
    expect(parse(text).subscriptions[0].users).toHaveLength(30);
  });

  it('names the installation whose claim it does not copy in a comment above location.mdm', () => {
    const text = importLocation(school(), { mdm: { id: 'ours', name: 'vppctl' }, claimedBy: { id: 'theirs\u202e', name: 'Other\nMDM' } });
    expect(parse(text).location.mdm).toEqual({ id: 'ours', name: 'vppctl' });
    expect(text).toContain('  # The location is claimed by Other\\nMDM (mdmInfo.id theirs\\u202e), another installation.\n');
    expect(text).toContain('--take-over');
  });

  it('takes name, token variable, mdm and schema path from the options', () => {
    const text = importLocation(school(), {
      name: 'North',
      tokenEnv: 'VPP_TOKEN_NORTH',
      mdm: { id: 'ours', name: 'vppctl-north' },
      schemaPath: '../schemas/vppctl.schema.json',
    });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/vppctl.schema.json');
    expect(parse(text).location).toEqual({ name: 'North', token: 'VPP_TOKEN_NORTH', mdm: { id: 'ours', name: 'vppctl-north' } });
    const bare = importLocation(liveFixture({ assets: [] }), { schemaPath: false });
    expect(bare).not.toContain('yaml-language-server');
    expect(parse(bare)).toEqual({
      version: 1,
      location: { name: 'location 2049025000431439', token: 'VPP_TOKEN' },
      policy: { prune: true, scope: 'declared' },
    });
  });

  it('is byte-for-byte deterministic, whatever order the live state was read in', () => {
    const live = school();
    const text = importLocation(live);
    expect(importLocation(live)).toBe(text);
    for (const seed of [1, 7, 42]) expect(importLocation(reordered(live, seed))).toBe(text);
  });

  it('compresses 1,000 users in 10 cohorts into 10 groups', () => {
    const users = Array.from({ length: 1000 }, (_, i) => `s-${String(i).padStart(4, '0')}`);
    // Cohort c (100 users each) holds apps c and c+1 of 11, plus the shared app 999.
    const assets = Array.from({ length: 11 }, (_, a) => ({
      adamId: String(100 + a),
      users: users.filter((_, i) => Math.floor(i / 100) === a || Math.floor(i / 100) === a - 1),
    }));
    assets.push({ adamId: '999', users });
    // The first two cohorts (200 users) and one more user hold subscription 555.
    const seats = users.slice(0, 201).map((clientUserId) => ({ adamId: 555, clientUserId, renewing: true }));
    const live = liveFixture({ assets, seats, users: users.map((clientUserId) => ({ clientUserId, status: 'Registered' as const })) });
    const text = importLocation(live);
    const doc = parse(text);
    expect(doc.subscriptions).toEqual([{ adamId: 555, renewing: true, groups: ['set-01', 'set-02'], users: ['s-0200'] }]);
    expect(Object.keys(doc.groups)).toEqual(Array.from({ length: 10 }, (_, i) => `set-${String(i + 1).padStart(2, '0')}`));
    for (const a of doc.assets) expect(a.users).toBeUndefined();
    expect(doc.assets.find((a: { adamId: string }) => a.adamId === '999').groups).toHaveLength(10);
    // 1,000 user declarations + 1,000 group members + a few lines per asset, not 3,000 holder lines.
    expect(text.split('\n').length).toBeLessThan(2200);
    expect(expandImported(doc)).toEqual(liveHolders(live));
  });

  it('orders groups by size, largest first', () => {
    const live = liveFixture({
      assets: [
        { adamId: '1', users: ['a', 'b'], devices: ['X1', 'X2', 'X3'] },
        { adamId: '2', users: ['a', 'b', 'c', 'd'], devices: ['X1', 'X2', 'X3'] },
        { adamId: '3', users: ['c', 'd'] },
      ],
    });
    const doc = parse(importLocation(live));
    expect(doc.groups).toEqual({ 'set-01': { users: ['a', 'b'], devices: ['X1', 'X2', 'X3'] }, 'set-02': { users: ['c', 'd'] } });
  });

  it('declares exactly the live holders and seats, for any location', () => {
    const id = fc.constantFrom('u1', 'u2', 'u3', 'u4', '17', 'true', 'u:x');
    const sn = fc.constantFrom('SN1', 'SN2', 'SN3', 'SN4');
    const asset = fc.record({
      adamId: fc.integer({ min: 1, max: 40 }).map(String),
      users: fc.uniqueArray(id),
      devices: fc.uniqueArray(sn),
    });
    const seat = fc.record({ adamId: fc.integer({ min: 1, max: 3 }), clientUserId: id, renewing: fc.boolean() });
    fc.assert(
      fc.property(fc.uniqueArray(asset, { selector: (a) => a.adamId, maxLength: 8 }), fc.uniqueArray(seat, { selector: (s) => `${s.adamId}/${s.clientUserId}`, maxLength: 10 }), (assets, seats) => {
        const live = liveFixture({ assets, seats });
        const text = importLocation(live);
        expect(expandImported(parse(text))).toEqual(liveHolders(live));
        expect(importLocation(reordered(live, 3))).toBe(text);
      }),
      { numRuns: 100 },
    );
  });
});
