import { describe, expect, it } from 'vitest';
import type { LocationPlan } from '../../src/plan/types.js';
import { renderJson } from '../../src/render/index.js';
import { centralWithChanges, plan } from './fixtures.js';

describe('renderJson', () => {
  it('round-trips to the same Plan value, 2-space indented with a trailing newline', () => {
    const p = plan(centralWithChanges());
    p.locations[0]!.changes.claim = { to: { id: 'ours', name: 'vppctl' } };
    const json = renderJson(p);
    expect(JSON.parse(json)).toEqual(p);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "formatVersion": 1,');
  });

  it("uses design.md's field order whatever order the plan was built in", () => {
    const loc = centralWithChanges();
    // Rebuild the objects with their keys reversed.
    const reversed = Object.fromEntries(Object.entries(loc).reverse()) as unknown as LocationPlan;
    reversed.summary = Object.fromEntries(Object.entries(loc.summary).reverse()) as unknown as LocationPlan['summary'];
    const parsed = JSON.parse(renderJson({ locations: [reversed], createdAt: 'x', formatVersion: 1 }));
    expect(Object.keys(parsed)).toEqual(['formatVersion', 'createdAt', 'locations']);
    expect(Object.keys(parsed.locations[0])).toEqual([
      'name', 'source', 'uId', 'fingerprint', 'summary', 'requests', 'warnings', 'errors',
      'tokenEnv', 'batching', 'changes',
    ]);
    expect(Object.keys(parsed.locations[0].summary)).toEqual([
      'associate', 'disassociate', 'revoke', 'usersCreate', 'usersUpdate', 'usersRetire',
      'subscriptionsAssociate', 'subscriptionsDisassociate', 'requests',
    ]);
  });

  it('never contains the token, only the name of its variable', () => {
    expect(renderJson(plan(centralWithChanges()))).toContain('"tokenEnv": "VPP_TOKEN_CENTRAL"');
  });
});
