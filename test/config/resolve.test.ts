import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/config/index.js';
import { HEADER, load, located } from './temp-files.js';

describe('a valid file resolves to the desired state', () => {
  it('expands groups, fills defaults, sorts members and normalises ids', async () => {
    const yaml = `${HEADER}  mdm:
    id: 6f1c1b7e
    name: vppctl
policy:
  maxDisassociations: 5
users:
  - clientUserId: s-2
    email: s2@school.example.com
  - clientUserId: s-1
    managedAppleId: s1@appleid.example.com
  - clientUserId: t-1
groups:
  teachers:
    users: [t-1]
  grade-5:
    users: [s-2, s-1]
    devices: [DEV2, DEV1]
    groups: [teachers]
  everyone:
    groups: [grade-5, teachers]
assets:
  - adamId: 361309726
    name: Pages
    users: [s-9]
    groups: [everyone]
  - adamId: "361304891"
    pricingParam: PLUS
    devices: [DEV3, DEV1]
subscriptions:
  - adamId: 67890
    groups: [teachers]
  - adamId: 67891
    renewing: false
    users: [s-1]
`;
    const { diagnostics, states } = await load({ 'a.yaml': yaml });
    expect(diagnostics).toEqual([]);
    expect(states).toHaveLength(1);
    const state = states[0]!;
    expect(state.source).toBe('a.yaml');
    expect(state.location).toEqual({ name: 'Test School', tokenEnv: 'VPP_TOKEN_TEST', mdm: { id: '6f1c1b7e', name: 'vppctl' } });
    expect(state.policy).toEqual({ ...DEFAULT_POLICY, maxDisassociations: 5 });
    expect(state.users).toEqual([
      { clientUserId: 's-1', managedAppleId: 's1@appleid.example.com' },
      { clientUserId: 's-2', email: 's2@school.example.com' },
      { clientUserId: 't-1' },
    ]);
    expect(state.assets).toEqual([
      {
        adamId: '361309726',
        pricingParam: 'STDQ',
        name: 'Pages',
        users: ['s-1', 's-2', 's-9', 't-1'],
        devices: ['DEV1', 'DEV2'],
        at: { file: 'a.yaml', line: 26, col: 5 },
      },
      { adamId: '361304891', pricingParam: 'PLUS', users: [], devices: ['DEV1', 'DEV3'], at: { file: 'a.yaml', line: 30, col: 5 } },
    ]);
    expect(state.subscriptions).toEqual([
      { adamId: 67890, renewing: true, users: ['t-1'], at: { file: 'a.yaml', line: 34, col: 5 } },
      { adamId: 67891, renewing: false, users: ['s-1'], at: { file: 'a.yaml', line: 36, col: 5 } },
    ]);
    expect(state.undeclaredUsers).toEqual([{ clientUserId: 's-9', at: { file: 'a.yaml', line: 28, col: 13 } }]);
    expect(state.warnings).toEqual([]);
  });

  it('uses VPP_TOKEN when the file names no token variable, and accepts empty sections', async () => {
    const { diagnostics, states } = await load({ 'a.yaml': 'version: 1\nlocation:\n  name: X\npolicy:\nusers:\ngroups:\nassets:\nsubscriptions:\n' });
    expect(located(diagnostics)).toEqual([]);
    expect(states[0]).toMatchObject({ location: { name: 'X', tokenEnv: 'VPP_TOKEN' }, policy: DEFAULT_POLICY, users: [], assets: [], subscriptions: [] });
  });

  it('keeps warnings in the state and still yields it', async () => {
    const yaml = `${HEADER}groups:\n  cart: {users: [s-1], devices: [ABC1]}\nsubscriptions:\n  - adamId: 1\n    groups: [cart]\n`;
    const { diagnostics, states } = await load({ 'a.yaml': yaml });
    expect(states).toHaveLength(1);
    expect(states[0]!.warnings).toEqual(diagnostics);
    expect(states[0]!.subscriptions[0]!.users).toEqual(['s-1']);
  });

  it('follows YAML aliases, locating members at their anchor', async () => {
    const yaml = `${HEADER}groups:\n  a:\n    users: &five [s-1, s-2]\nassets:\n  - adamId: "1"\n    users: *five\n`;
    const { diagnostics, states } = await load({ 'a.yaml': yaml });
    expect(diagnostics).toEqual([]);
    expect(states[0]!.assets[0]!.users).toEqual(['s-1', 's-2']);
    expect(states[0]!.undeclaredUsers.map((u) => `${u.clientUserId}@${u.at.line}:${u.at.col}`)).toEqual(['s-1@7:19', 's-2@7:24']);
  });

  it('orders members by code unit, not by locale', async () => {
    const yaml = `${HEADER}assets:\n  - adamId: "1"\n    users: [b, a, B, "Z", "é", "10", "9"]\n`;
    const { states } = await load({ 'a.yaml': yaml });
    expect(states[0]!.assets[0]!.users).toEqual(['10', '9', 'B', 'Z', 'a', 'b', 'é']);
  });
});
