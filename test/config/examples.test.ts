import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDesiredStates, SCHEMA_PATH } from '../../src/config/index.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES = ['examples/central-school.yaml', 'examples/acme-business.yaml', 'examples/district/district.yaml'];

describe('the example files', () => {
  it('name the schema on their first line, by a path that reaches it from their folder', () => {
    for (const file of EXAMPLES) {
      const first = readFileSync(path.join(repo, file), 'utf8').split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, file).not.toBeNull();
      expect(path.resolve(repo, path.dirname(file), match![1]!)).toBe(SCHEMA_PATH);
    }
  });

  it('load without a single error or warning', async () => {
    const { states, diagnostics } = await loadDesiredStates(['examples', 'examples/district'], { cwd: repo });
    expect(diagnostics).toEqual([]);
    expect(states.map((s) => [s.source, s.location.tokenEnv])).toEqual([
      ['examples/acme-business.yaml', 'VPP_TOKEN_ACME'],
      ['examples/central-school.yaml', 'VPP_TOKEN_CENTRAL'],
      ['examples/district/district.yaml', 'VPP_TOKEN_DISTRICT'],
    ]);
  });

  it('central school uses the simulator example ids', async () => {
    const { states } = await loadDesiredStates(['examples/central-school.yaml'], { cwd: repo });
    const school = states[0]!;
    expect(school.assets.map((a) => a.adamId)).toEqual(['408709785', '377298193', '361309726', '361304891', '361285480', '1559451201']);
    expect(school.assets.every((a) => a.pricingParam === 'STDQ')).toBe(true);
    expect(school.subscriptions.map((s) => [s.adamId, s.users])).toEqual([[67890, ['t-001', 't-002', 't-003', 't-004']]]);
    expect(school.users.map((u) => u.clientUserId)).toContain('s-1001');
    expect(school.undeclaredUsers).toEqual([]);
  });

  it('acme assigns to devices only', async () => {
    const { states } = await loadDesiredStates(['examples/acme-business.yaml'], { cwd: repo });
    const acme = states[0]!;
    expect(acme.assets.every((a) => a.users.length === 0 && a.devices.length > 0)).toBe(true);
    expect(acme.assets[0]!.adamId).toBe('361309726');
  });

  it('the district takes every member from roster files', async () => {
    const { states } = await loadDesiredStates(['examples/district/district.yaml'], { cwd: repo });
    const district = states[0]!;
    expect(district.users.length).toBeGreaterThan(300);
    expect(district.users[0]).toMatchObject({ clientUserId: 'd-50001', email: 'd-50001@students.district.example.org' });
    expect(district.undeclaredUsers).toEqual([]);
    expect(district.assets.find((a) => a.adamId === '408709785')!.devices).toHaveLength(60);
  });
});

describe('the schema', () => {
  it('describes every setting, so editors have something to show on hover', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
    const defs = schema.$defs as Record<string, Record<string, unknown>>;
    const missing: string[] = [];
    const visit = (node: Record<string, unknown>, where: string): void => {
      for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        const target = typeof child.$ref === 'string' ? resolveRef(child.$ref) : undefined;
        if (!child.description && !target?.description) missing.push(`${where}.${key}`);
        visit(child, `${where}.${key}`);
      }
    };
    const resolveRef = (ref: string): Record<string, unknown> | undefined =>
      ref.replace(/^#\/\$defs\//, '').split('/properties/').reduce<Record<string, unknown> | undefined>(
        (node, part, i) => (i === 0 ? defs[part] : ((node?.properties as Record<string, Record<string, unknown>>)?.[part])),
        undefined,
      );
    visit(schema, '');
    for (const [name, def] of Object.entries(defs)) visit(def, `$defs.${name}`);
    expect(missing).toEqual([]);
  });
});
