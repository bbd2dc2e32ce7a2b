/**
 * `vppctl plan` of examples/central-school.yaml against examples/sim/central-school.json.
 *
 * The expected figures, worked out from the two files by hand:
 * - Classroom app (408709785): wanted by cart-1 (6 iPads), held by cart-1 + cart-2 -> -4 devices.
 * - Pages (361309726): teachers + grade-5 (17), held by teachers + s-1001..s-1012 -> +1 (s-1025).
 * - Numbers (361304891): teachers + grade-6 (17), held by teachers + s-1013..s-1018 -> +7 (s-1019..s-1024, s-1026).
 * - Class reader (1559451201): teachers + grade-5, held by teachers + s-1001..s-1008 -> +5 (s-1009..s-1012, s-1025).
 * - 377298193 and Keynote already match. Associate 1 + 7 + 5 = 13, disassociate 4.
 * - Users s-1025 and s-1026 are declared but not registered: 2 to create.
 * - Subscription 67890 goes to teachers; s-1001 also holds a seat -> 1 seat removed.
 * - Requests: claim the unclaimed location (client/config), users/create, one disassociate, one
 *   subscription disassociate, and 3 associates (Numbers x 7 users; Class reader x 5 users; Pages
 *   x s-1025: a biclique may only hold wanted pairs, so Pages cannot join the Class reader batch)
 *   = 7.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CENTRAL_TOKEN_ENV, CENTRAL_YAML, centralState, simRigs } from './sim-rig.js';

const LAST_LINE = 'Plan: 13 to associate, 4 to disassociate, 0 to revoke, 2 user changes, 1 subscription seat change, in 7 requests.';
const rig = simRigs();

const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1)!;

describe('vppctl plan examples/central-school.yaml against the example location', () => {
  it('text with --detailed-exitcode: one line per changed asset, users and subscription, the summary line last, exit 2', async () => {
    const r = await (await rig(await centralState())).run(['plan', CENTRAL_YAML, '--detailed-exitcode']);
    expect(r.code, r.stderr).toBe(2);
    expect(lastLine(r.stdout)).toBe(LAST_LINE);
    expect(r.stdout).toContain('Location "Central School" (examples/central-school.yaml, uId 2049025000431439)');
    expect(r.stdout).toMatch(/Classroom app for the carts \(app 408709785 STDQ\): -4 devices/);
    expect(r.stdout).toMatch(/Numbers \(app 361304891 STDQ\): \+7 users/);
    expect(r.stdout).toMatch(/Pages \(app 361309726 STDQ\): \+1 user\b/);
    expect(r.stdout).toMatch(/Class reader \(book\) \(book 1559451201 STDQ\): \+5 users/);
    expect(r.stdout).toMatch(/users: \+2 to create/);
    expect(r.stdout).toMatch(/subscription 67890: -1 user/);
    // Assets that already match are not listed; member lists only with --verbose.
    expect(r.stdout).not.toContain('377298193');
    expect(r.stdout).not.toContain('Keynote');
    expect(r.stdout).not.toContain('s-1019');
  });

  it('markdown: the summary table row and the bold summary line', async () => {
    const r = await (await rig(await centralState())).run(['plan', CENTRAL_YAML, '--format', 'markdown']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\| \*\*Central School\*\*.*\| 13 \| 4 \| 0 \| 2 \| 7 \|/m);
    expect(r.stdout).toContain('<summary><b>Numbers</b> app <code>361304891 STDQ</code>: +7 users');
    expect(lastLine(r.stdout)).toBe(`**${LAST_LINE}**`);
  });

  it('json (and --out FILE): the plan contract of design.md, requests in sending order with exact bodies', async () => {
    const r0 = await rig(await centralState());
    const out = join(r0.dir, 'plan.json');
    const r = await r0.run(['plan', CENTRAL_YAML, '--format', 'json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(r.stdout);
    const plan = JSON.parse(r.stdout);
    expect(plan.formatVersion).toBe(1);
    expect(plan.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(plan.locations).toHaveLength(1);
    const loc = plan.locations[0];
    expect(Object.keys(loc).slice(0, 8)).toEqual(['name', 'source', 'uId', 'fingerprint', 'summary', 'requests', 'warnings', 'errors']);
    expect(loc).toMatchObject({ name: 'Central School', source: CENTRAL_YAML, uId: '2049025000431439', warnings: [], errors: [] });
    expect(loc.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(loc.summary).toEqual({
      associate: 13,
      disassociate: 4,
      revoke: 0,
      usersCreate: 2,
      usersUpdate: 0,
      usersRetire: 0,
      subscriptionsAssociate: 0,
      subscriptionsDisassociate: 1,
      requests: 7,
    });
    expect(loc.requests).toHaveLength(loc.summary.requests);
    const endpoints: string[] = loc.requests.map((q: { endpoint: string }) => q.endpoint);
    // Claim first, users before they are assigned, removals before additions.
    expect(endpoints[0]).toBe('client/config');
    expect(endpoints.indexOf('users/create')).toBeLessThan(endpoints.indexOf('assets/associate'));
    expect(endpoints.lastIndexOf('assets/disassociate')).toBeLessThan(endpoints.indexOf('assets/associate'));
    expect(endpoints.filter((e) => e === 'assets/associate')).toHaveLength(3);
    expect(loc.requests).toContainEqual({
      endpoint: 'assets/disassociate',
      body: { assets: [{ adamId: '408709785', pricingParam: 'STDQ' }], serialNumbers: ['F9FXL2C3D401', 'F9FXL2C3D402', 'F9FXL2C3D403', 'F9FXL2C3D404'] },
    });
    expect(loc.requests).toContainEqual({ endpoint: 'subscriptions/disassociate', body: { adamIds: [67890], clientUserIds: ['s-1001'] } });
    const associated = loc.requests
      .filter((q: { endpoint: string }) => q.endpoint === 'assets/associate')
      .flatMap((q: { body: { assets: { adamId: string }[]; clientUserIds?: string[] } }) =>
        q.body.assets.flatMap((a) => (q.body.clientUserIds ?? []).map((u) => `${a.adamId}/${u}`)),
      );
    expect(associated).toHaveLength(13);
    expect(new Set(associated).size).toBe(13);
    expect(associated).toContain('361309726/s-1025');
    expect(associated).toContain('361304891/s-1026');
  });

  it('--detailed-exitcode gives 1 on an error (here: the token variable is not set)', async () => {
    const r = await (await rig(await centralState())).run(['plan', CENTRAL_YAML, '--detailed-exitcode'], { [CENTRAL_TOKEN_ENV]: undefined });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(CENTRAL_TOKEN_ENV);
    // 0 without changes: apply.test.ts, once the location converged.
  });
});
