import { describe, expect, it } from 'vitest';
import type { AssetChange } from '../../src/plan/types.js';
import { renderMarkdown, summaryLine } from '../../src/render/index.js';
import { asset, centralWithChanges, lines, location, notEnoughLicenses, plan, summary } from './fixtures.js';

const TABLE_HEADER = '| Location | Associate | Disassociate | Revoke | User changes | Requests | Status |';

function ids(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);
}

/** `count` assets; asset i gains `members(i)` users. */
function bigPlan(count: number, members: (i: number) => number) {
  const assets: AssetChange[] = Array.from({ length: count }, (_, i) => asset({
    adamId: String(100000 + i),
    name: `App ${i}`,
    add: { users: ids(`u${i}-`, members(i)), devices: [] },
    desiredCount: members(i),
  }));
  const associate = assets.reduce((n, a) => n + a.add.users.length, 0);
  return plan(location({
    summary: summary({ associate, requests: count }),
    batching: { assetRequests: count, lowerBound: count },
    changes: { assets },
  }));
}

function diffBlocks(md: string): string[] {
  return [...md.matchAll(/```diff\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe('renderMarkdown', () => {
  it('has a heading, the summary table, details with a member diff, and the summary last', () => {
    const md = renderMarkdown(plan(centralWithChanges()));
    expect(md.startsWith('## vppctl plan\n')).toBe(true);
    expect(md).toContain(TABLE_HEADER);
    expect(md).toContain('| **Central School**<br><code>vpp/central.yaml</code> | 3 | 1 | 0 | 1 | 3 | 📝 changes to apply |');
    expect(md).toContain('<details><summary><b>Pages</b> <code>361309726 STDQ</code>: +2 users, +1 device, -1 user (assigned 5 -&#62; 7)</summary>');
    const [pages] = diffBlocks(md).filter((d) => d.includes('s-1002'));
    expect(pages!.split('\n').filter((l) => /^[-+]/.test(l))).toEqual(['-s-1002', '+s-1001', '+s-1003', '+DMPX1234ABCD']);
    expect(lines(md).at(-1)).toBe(`**${summaryLine(plan(centralWithChanges()))}**`);
  });

  it('shows user changes as a diff with updates marked', () => {
    const loc = location({
      summary: summary({ usersCreate: 1, usersUpdate: 1, usersRetire: 1, requests: 3 }),
      changes: { users: { create: ['s-new'], update: ['s-upd'], retire: ['s-old'] } },
    });
    const [users] = diffBlocks(renderMarkdown(plan(loc)));
    expect(users).toContain('-s-old\n!s-upd\n+s-new\n');
  });

  it('uses a short message with a check mark when nothing changes', () => {
    const md = renderMarkdown(plan(location()), { title: 'Plan for main' });
    expect(md).toBe('## Plan for main\n\n✅ No changes. The location matches the desired state.');
  });

  it('shows errors prominently, before the details, and ends with the failure', () => {
    const loc = location({
      summary: summary({ associate: 40, requests: 1 }),
      changes: { assets: [asset({ adamId: '361309726', name: 'Pages', add: { users: ['s-1'], devices: [] } })] },
      errors: [notEnoughLicenses],
      warnings: [{ code: 'w', message: 'devices of group grade_5 get no subscription' }],
    });
    const md = renderMarkdown(plan(loc));
    expect(md).toContain('### ❌ Errors\n\n- 40 licenses wanted, 12 available (Pages, 361309726 STDQ) at vpp/central.yaml:31:5');
    expect(md).toContain('### ⚠️ Warnings\n\n- devices of group grade\\_5 get no subscription');
    expect(md).toContain('| ❌ 1 error, ⚠️ 1 warning |');
    expect(md.indexOf('### ❌ Errors')).toBeLessThan(md.indexOf('<details>'));
    expect(lines(md).slice(-3)).toEqual([
      '**Plan: 40 to associate, 0 to disassociate, 0 to revoke, 0 user changes, in 1 request.**',
      '',
      '**Plan failed: 1 error.**',
    ]);
  });

  it('adds a total row for several locations', () => {
    const north = location({ name: 'North | East', source: 'vpp/north.yaml', summary: summary({ associate: 5, requests: 2 }) });
    const md = renderMarkdown(plan(centralWithChanges(), north));
    expect(md).toContain('| **North \\| East**<br><code>vpp/north.yaml</code> | 5 | 0 | 0 | 0 | 2 | 📝 changes to apply |');
    expect(md).toContain('| **Total** | 8 | 1 | 0 | 1 | 5 | 📝 changes to apply |');
  });

  it('escapes names taken from users\' files', () => {
    const loc = centralWithChanges();
    loc.changes.assets[0]!.name = '<img src=x> *Pages*';
    const md = renderMarkdown(plan(loc));
    expect(md).toContain('<b>&#60;img src=x&#62; *Pages*</b>');
    expect(md).not.toContain('<img');
  });

  it('keeps a fence longer than any backtick run in member ids', () => {
    const loc = location({
      summary: summary({ associate: 1, requests: 1 }),
      changes: { assets: [asset({ adamId: '1', add: { users: ['odd```id'], devices: [] } })] },
    });
    expect(renderMarkdown(plan(loc))).toContain('````diff\n@@ -0,0 +1,1 @@\n+odd```id\n````');
  });

  it('keeps 200 assets x 2,000 members under 65,000 characters with the table and the last line', () => {
    const p = bigPlan(200, () => 2000);
    const md = renderMarkdown(p);
    expect(md.length).toBeLessThanOrEqual(65_000);
    expect(md).toContain(TABLE_HEADER);
    expect(md).toContain('| **Central School**<br><code>vpp/central.yaml</code> | 400000 | 0 | 0 | 0 | 200 | 📝 changes to apply |');
    expect(lines(md).at(-1)).toBe('**Plan: 400000 to associate, 0 to disassociate, 0 to revoke, 0 user changes, in 200 requests.**');
    expect(md).toContain('are left out to keep this comment short');
    // Every asset is still named, compactly when its members do not fit.
    for (let i = 0; i < 200; i++) expect(md).toContain(`<b>App ${i}</b>`);
  });

  it('drops member lists from the largest assets first', () => {
    const sizes = [5, 3000, 10, 2500, 7];
    const md = renderMarkdown(bigPlan(sizes.length, (i) => sizes[i]!), { maxLength: 5_000 });
    expect(md.length).toBeLessThanOrEqual(5_000);
    const shown = diffBlocks(md).map((d) => d.split('\n').filter((l) => l.startsWith('+')).length);
    expect(shown.sort((a, b) => a - b)).toEqual([5, 7, 10]);
    expect(md).toContain('_Member lists of 2 changes are left out');
  });

  it('drops whole details from the end, with a count, when even compact ones do not fit', () => {
    const md = renderMarkdown(bigPlan(200, () => 1), { maxLength: 3_000 });
    expect(md.length).toBeLessThanOrEqual(3_000);
    expect(md).toContain(TABLE_HEADER);
    expect(lines(md).at(-1)).toBe('**Plan: 200 to associate, 0 to disassociate, 0 to revoke, 0 user changes, in 200 requests.**');
    const note = /… (\d+) more assets; run `vppctl plan` for the full list/.exec(md);
    expect(note).not.toBeNull();
    const named = [...md.matchAll(/<b>App (\d+)<\/b>/g)].map((m) => Number(m[1]));
    expect(named.length + Number(note![1])).toBe(200);
    expect(named).toEqual(named.map((_, i) => i));
  });

  it('cuts long warning lists but never errors', () => {
    const loc = centralWithChanges();
    loc.warnings = Array.from({ length: 500 }, (_, i) => ({ code: 'w', message: `warning number ${i} about something` }));
    loc.errors = Array.from({ length: 30 }, (_, i) => ({ code: 'e', message: `error number ${i}` }));
    const md = renderMarkdown(plan(loc), { maxLength: 6_000 });
    expect(md.length).toBeLessThanOrEqual(6_000);
    for (let i = 0; i < 30; i++) expect(md).toContain(`- error number ${i}\n`);
    expect(md).toMatch(/- … \d+ more warnings/);
    expect(lines(md).at(-1)).toBe('**Plan failed: 30 errors.**');
  });
});
