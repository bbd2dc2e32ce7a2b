import { describe, expect, it } from 'vitest';
import { applySummaryLine, type ApplyResult } from '../../src/apply/index.js';
import { renderMarkdown, renderText } from '../../src/render/index.js';
import { asset, lines, location, plan, summary } from './fixtures.js';

/** Pages: one teacher served, two students and a cart iPad waiting (whenShort: prioritize). */
const short = (requests: number) =>
  location({
    summary: summary({ associate: requests, requests, waiting: 3 }),
    warnings: [{ code: 'waiting-for-licenses', message: 'Pages (361309726 STDQ): 3 licenses short: 3 available + 0 freed by this plan for 6 new holders, so 2 users and 1 device wait.' }],
    changes: {
      assets: [asset({ adamId: '361309726', name: 'Pages', add: { users: requests ? ['t-1'] : [], devices: [] }, waiting: { users: ['s-5', 's-3'], devices: ['DEV1'] } })],
      subscriptions: [{ adamId: 501, add: [], remove: [], waiting: ['s-9'] }],
    },
  });

describe('holders waiting for a license', () => {
  it('are counted in the summary line, as no change to send', () => {
    expect(lines(renderText(plan(short(1)), { color: false })).at(-1)).toBe(
      'Plan: 1 to associate, 0 to disassociate, 0 to revoke, 0 user changes, in 1 request; 3 waiting for a license (see the warnings).',
    );
    expect(lines(renderText(plan(short(0)), { color: false })).at(-1)).toBe('No changes to send; 3 waiting for a license (see the warnings).');
    expect(renderMarkdown(plan(short(0)))).toContain('✅ No changes to send; 3 waiting for a license (see the warnings).');
  });

  it('are listed by --verbose only, in the order they will be served', () => {
    expect(renderText(plan(short(1)), { color: false })).not.toContain('waiting for a license, first');
    const out = lines(renderText(plan(short(1)), { color: false, verbose: true }));
    const at = out.indexOf('  ! Pages (361309726 STDQ): 3 new holders waiting for a license, first served first');
    expect(out.slice(at + 1, at + 6)).toEqual(['        s-5', '        s-3', '        DEV1', '  ! subscription 501: 1 new holder waiting for a license, first served first', '        s-9']);
  });

  it('leave an apply converged, and its last line says how many still wait', () => {
    const result: ApplyResult = {
      location: { name: 'Central School', source: 'vpp/central.yaml', uId: '1' },
      done: { 'assets/associate': { requests: 1, pairs: 1 } },
      requestsSent: 1,
      retries: 0,
      failures: [],
      unknown: [],
      remaining: { summary: summary({ waiting: 3 }), errors: [] },
      durationMs: 1200,
      converged: true,
    };
    expect(applySummaryLine(result)).toBe(
      'Apply complete: 1 associated, 0 disassociated, 0 revoked, 0 user changes in 1 request (0 retries) in 1.2s. Location converged; 3 still waiting for a license.',
    );
  });
});
