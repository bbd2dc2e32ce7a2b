import { describe, expect, it } from 'vitest';
import { HEADER, load, located } from './temp-files.js';

const GROUPS = `groups:
  teachers:
    users: [t-2, t-1]
  grade-5:
    users: [s-3, s-1, s-2]
    devices: [DEV2, DEV1]
    groups: [teachers]
  cart:
    devices: [DEV9]
`;

describe('policy.whenShort and priority', () => {
  it('with prioritize: the serving order is the lists as written, unsorted, groups by name', async () => {
    const yaml = `${HEADER}policy:
  whenShort: prioritize
${GROUPS}assets:
  - adamId: "1"
    users: [s-9, s-8]
    devices: [DEV7]
    groups: [grade-5, cart]
    priority: [teachers]
subscriptions:
  - adamId: 5
    users: [s-9]
    groups: [teachers]
    priority: [teachers]
`;
    const { diagnostics, states } = await load({ 'a.yaml': yaml });
    expect(diagnostics).toEqual([]);
    const state = states[0]!;
    expect(state.policy.whenShort).toBe('prioritize');
    expect(state.assets[0]!.users).toEqual(['s-1', 's-2', 's-3', 's-8', 's-9', 't-1', 't-2']);
    expect(state.assets[0]!.servingOrder).toEqual({ priority: ['teachers'], listed: { users: ['s-9', 's-8'], devices: ['DEV7'], groups: ['grade-5', 'cart'] } });
    expect(state.subscriptions[0]!.servingOrder).toEqual({ priority: ['teachers'], listed: { users: ['s-9'], devices: [], groups: ['teachers'] } });
    expect(Object.fromEntries(state.listedGroups!)).toEqual({
      teachers: { users: ['t-2', 't-1'], devices: [], groups: [] },
      'grade-5': { users: ['s-3', 's-1', 's-2'], devices: ['DEV2', 'DEV1'], groups: ['teachers'] },
      cart: { users: [], devices: ['DEV9'], groups: [] },
    });
  });

  it('fail is the default, and keeps no serving order', async () => {
    const yaml = `${HEADER}${GROUPS}assets:\n  - adamId: "1"\n    groups: [grade-5]\n`;
    const { diagnostics, states } = await load({ 'a.yaml': yaml });
    expect(diagnostics).toEqual([]);
    expect(states[0]!.policy.whenShort).toBe('fail');
    expect(states[0]!.assets[0]!.servingOrder).toBeUndefined();
    expect(states[0]!.listedGroups).toBeUndefined();
  });

  it('priority without whenShort: prioritize is a located warning that it has no effect', async () => {
    const yaml = `${HEADER}${GROUPS}assets:\n  - adamId: "1"\n    groups: [grade-5]\n    priority: [teachers]\n`;
    const { diagnostics, states } = await load({ 'a.yaml': yaml });
    expect(located(diagnostics)).toEqual([]);
    expect(located(diagnostics, 'warning')).toEqual([
      'a.yaml:17:5 `priority` of asset 1 has no effect: policy.whenShort is `fail`, so a shortage stops the plan instead',
    ]);
    expect(diagnostics[0]!.hint).toContain('whenShort: prioritize');
    expect(states).toHaveLength(1);
  });

  it('a group the entry does not use, or an unknown one, is a located error; one included by a used group is fine', async () => {
    const yaml = `${HEADER}policy:
  whenShort: prioritize
${GROUPS}assets:
  - adamId: "1"
    groups: [grade-5]
    priority: [teachers, cart, techers]
subscriptions:
  - adamId: 5
    users: [t-1]
    priority: [teachers]
`;
    const { diagnostics, states } = await load({ 'a.yaml': yaml });
    expect(states).toHaveLength(0);
    expect(located(diagnostics)).toEqual([
      'a.yaml:19:26 group `cart` is in the `priority` of asset 1, which does not use that group',
      'a.yaml:19:32 group `techers` is not declared under `groups`',
      'a.yaml:23:16 group `teachers` is in the `priority` of subscription 5, which does not use that group',
    ]);
    expect(diagnostics.find((d) => d.message.includes('techers'))!.hint).toBe('did you mean `teachers`?');
    expect(diagnostics.find((d) => d.message.includes('`cart`'))!.hint).toBe('add it to the `groups` of asset 1, or remove it from `priority`');
  });

  it('the schema checks both keys', async () => {
    const yaml = `${HEADER}policy:\n  whenShort: prioritise\n${GROUPS}assets:\n  - adamId: "1"\n    groups: [grade-5]\n    priority: teachers\n`;
    const { diagnostics } = await load({ 'a.yaml': yaml });
    expect(located(diagnostics)).toEqual([
      'a.yaml:6:14 `whenShort` must be fail or prioritize, not `prioritise`',
      'a.yaml:19:15 `priority` must be a list, not text',
    ]);
    expect(diagnostics[0]!.hint).toBe('did you mean `prioritize`?');
  });

  it('a group listed twice in priority is a warning', async () => {
    const yaml = `${HEADER}policy:\n  whenShort: prioritize\n${GROUPS}assets:\n  - adamId: "1"\n    groups: [grade-5]\n    priority: [teachers, teachers]\n`;
    const { diagnostics } = await load({ 'a.yaml': yaml });
    expect(located(diagnostics, 'warning')).toEqual(['a.yaml:19:26 `teachers` is listed twice in `priority` of asset 1']);
  });
});
