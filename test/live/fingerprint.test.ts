import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/live/index.js';
import { liveFixture } from './live-fixture.js';

const base = () =>
  liveFixture({
    mdm: { id: 'm1', name: 'vppctl' },
    users: [
      { clientUserId: 'u1', status: 'Registered', email: 'u1@x.org' },
      { clientUserId: 'u2', status: 'Associated' },
    ],
    assets: [
      { adamId: '1', users: ['u1', 'u2'], devices: ['SN1'] },
      { adamId: '2', users: ['u2'] },
      { adamId: '3' },
    ],
    seats: [
      { adamId: 7, clientUserId: 'u1', renewing: true },
      { adamId: 7, clientUserId: 'u2', renewing: false },
    ],
  });

describe('fingerprint', () => {
  it('is sha256 hex and ignores the order content was read in', () => {
    const live = base();
    const fp = fingerprint(live);
    expect(fp).toMatch(/^sha256:[0-9a-f]{64}$/);
    const reordered = {
      ...live,
      assets: [...live.assets].reverse(),
      users: [...live.users].reverse(),
      assignments: new Map([...live.assignments].reverse()),
      subscriptionAssignments: new Map([...live.subscriptionAssignments].map(([k, v]) => [k, [...v].reverse()])),
    };
    expect(fingerprint(reordered)).toBe(fp);
    // An asset nobody holds may be absent from the map or present with empty lists.
    reordered.assignments.set('3:STDQ', { users: [], devices: [] });
    expect(fingerprint(reordered)).toBe(fp);
  });

  it('changes with anything a plan depends on', () => {
    const fp = fingerprint(base());
    const changed: ((l: ReturnType<typeof base>) => void)[] = [
      (l) => l.assignments.get('2:STDQ')!.devices.push('SN9'),
      (l) => (l.assignments.get('1:STDQ')!.users = ['u1']),
      (l) => (l.assets[0]!.availableCount -= 1),
      (l) => (l.assets[1]!.revocable = false),
      (l) => (l.users[0]!.email = 'other@x.org'),
      (l) => (l.users[1]!.managedAppleId = 'u2@x.org'),
      (l) => (l.users[1]!.status = 'Registered'),
      (l) => l.users.pop(),
      (l) => (l.mdmInfo = { id: 'm2', name: 'vppctl' }),
      (l) => (l.subscriptionAssignments.get(7)![1]!.renewing = true),
      (l) => (l.subscriptions[0]!.counts.available.renewing -= 1),
    ];
    const seen = new Set([fp]);
    for (const change of changed) {
      const live = base();
      change(live);
      const next = fingerprint(live);
      expect(seen.has(next)).toBe(false);
      seen.add(next);
    }
  });

  it('keeps ids from forging each other across field boundaries', () => {
    const a = base();
    const b = base();
    a.assignments.set('2:STDQ', { users: ['u2', 'u3'], devices: [] });
    b.assignments.set('2:STDQ', { users: ['u2\nu,"u3"'], devices: [] });
    expect(fingerprint(a)).not.toBe(fingerprint(b));
  });

  it('hashes a large location over many chunks: equal copies agree, one holder less differs', () => {
    const users = Array.from({ length: 30_000 }, (_, i) => `s-${i}`).sort();
    const live = liveFixture({ assets: [{ adamId: '1', users }, { adamId: '2', users }] });
    const fp = fingerprint(live);
    const copy = { ...live, assignments: new Map([...live.assignments].map(([k, h]) => [k, { users: [...h.users], devices: [] }])) };
    expect(fingerprint(copy)).toBe(fp);
    copy.assignments.get('2:STDQ')!.users.pop();
    expect(fingerprint(copy)).not.toBe(fp);
  });
});
