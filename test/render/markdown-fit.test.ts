import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssetChange } from '../../src/plan/types.js';
import { renderMarkdown, summaryLine } from '../../src/render/index.js';
import { asset, lines, location, plan, summary } from './fixtures.js';

const idArb = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'b', 'Z', '1', '-', '`', '|', '<') });

const planArb = fc.record({
  assets: fc.array(
    fc.record({
      name: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
      users: fc.uniqueArray(idArb, { maxLength: 60 }),
      devices: fc.uniqueArray(idArb, { maxLength: 20 }),
      remove: fc.uniqueArray(idArb, { maxLength: 40 }),
    }),
    { maxLength: 30 },
  ),
  warnings: fc.array(fc.string({ maxLength: 80 }), { maxLength: 40 }),
  create: fc.uniqueArray(idArb, { maxLength: 30 }),
}).map(({ assets, warnings, create }) => {
  const changes: AssetChange[] = assets.map((a, i) => asset({
    adamId: String(i + 1),
    name: a.name,
    add: { users: a.users, devices: a.devices },
    remove: { users: a.remove.filter((r) => !a.users.includes(r)), devices: [] },
  }));
  return plan(location({
    summary: summary({ associate: changes.length, usersCreate: create.length, requests: changes.length + 1 }),
    warnings: warnings.map((message) => ({ code: 'w', message })),
    changes: { assets: changes, users: { create, update: [], retire: [] } },
  }));
});

describe('renderMarkdown length budget', () => {
  it('stays within maxLength whenever the uncuttable parts fit, keeping table and last line', () => {
    fc.assert(
      fc.property(planArb, fc.double({ min: 0, max: 1, noNaN: true }), (p, fraction) => {
        // With no room at all only the head, the tail and the "… N more" note remain; with
        // room for everything, the whole comment. Budgets in between are where cuts happen.
        const floor = renderMarkdown(p, { maxLength: 0 }).length + 100;
        const whole = renderMarkdown(p, { maxLength: 10_000_000 }).length;
        const maxLength = Math.round(floor + (Math.max(floor, whole) - floor) * fraction);
        const md = renderMarkdown(p, { maxLength });
        expect(md.length).toBeLessThanOrEqual(maxLength);
        expect(md).toContain('| Location | Associate |');
        expect(lines(md).at(-1)).toBe(`**${summaryLine(p)}**`);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves nothing out when there is room for everything', () => {
    fc.assert(
      fc.property(planArb, (p) => {
        const md = renderMarkdown(p, { maxLength: 10_000_000 });
        expect(md).not.toContain('left out');
        expect(md).not.toContain('more warning');
        expect(md).not.toMatch(/… \d+ more/);
        const items = p.locations[0]!.changes.assets.filter((a) => a.add.users.length + a.add.devices.length + a.remove.users.length > 0).length
          + (p.locations[0]!.changes.users.create.length > 0 ? 1 : 0);
        expect(md.split('<details>').length - 1).toBe(items);
      }),
      { numRuns: 100 },
    );
  });
});
