import { describe, expect, it } from 'vitest';
import { renderText, summaryLine } from '../../src/render/index.js';
import { asset, centralWithChanges, lines, location, notEnoughLicenses, plan, summary } from './fixtures.js';

const ESC = '\u001b[';

describe('renderText', () => {
  it('ends a plan with changes with the exact summary sentence', () => {
    const out = renderText(plan(centralWithChanges()), { color: false });
    expect(lines(out).at(-1)).toBe('Plan: 3 to associate, 1 to disassociate, 0 to revoke, 1 user change, in 3 requests.');
    expect(out.endsWith('requests.')).toBe(true);
  });

  it('says there is nothing to do when the location matches', () => {
    const out = renderText(plan(location()), { color: false });
    expect(lines(out).at(-1)).toBe('No changes. The location matches the desired state.');
    expect(out).toContain('  No changes.');
  });

  it('shows the location header, the asset line with only non-zero counts, users and the batching figure', () => {
    const out = lines(renderText(plan(centralWithChanges()), { color: false }));
    expect(out[0]).toBe('Location "Central School" (vpp/central.yaml, uId 2049025000431439)');
    expect(out).toContain('  + users: +1 to create');
    expect(out).toContain('  ~ Pages (361309726 STDQ): +2 users, +1 device, -1 user [assigned 5 -> 7]');
    expect(out).toContain('  3 requests: 2 asset requests (lower bound 2)');
  });

  it('names unnamed assets and marks pure additions and removals', () => {
    const loc = location({
      summary: summary({ associate: 1, disassociate: 2, requests: 2 }),
      changes: {
        assets: [
          asset({ adamId: '1', add: { users: [], devices: ['F2LX'] } }),
          asset({ adamId: '2', pricingParam: 'PLUS', name: 'Keynote', remove: { users: ['a', 'b'], devices: [] } }),
          asset({ adamId: '3', name: 'Untouched' }),
        ],
      },
    });
    const out = renderText(plan(loc), { color: false });
    expect(out).toContain('  + (unnamed) (1 STDQ): +1 device');
    expect(out).toContain('  - Keynote (2 PLUS): -2 users');
    expect(out).not.toContain('Untouched');
  });

  it('shows the claim, revokes and subscription seats', () => {
    const loc = location({
      summary: summary({ revoke: 2, subscriptionsAssociate: 2, subscriptionsDisassociate: 1, requests: 4 }),
      changes: {
        claim: { from: { id: 'other-id', name: 'OtherMDM' }, to: { id: 'ours', name: 'vppctl' } },
        revoke: { users: ['s-9'], devices: ['DMPX9'] },
        subscriptions: [{ adamId: 67890, add: ['s-2', 's-1'], remove: ['s-3'] }],
      },
    });
    const out = renderText(plan(loc), { color: false });
    expect(out).toContain('  ~ take the location over from OtherMDM (other-id) for vppctl (ours)');
    expect(out).toContain('  - revoke: -1 user, -1 device [every revocable asset]');
    expect(out).toContain('  ~ subscription 67890: +2 users, -1 user');
    expect(lines(out).at(-1)).toBe(
      'Plan: 0 to associate, 0 to disassociate, 2 to revoke, 0 user changes, 3 subscription seat changes, in 4 requests.',
    );
  });

  it('lists members only when verbose, removals first, each side sorted', () => {
    const p = plan(centralWithChanges());
    const quiet = renderText(p, { color: false });
    expect(quiet).not.toContain('+ s-1001');
    const out = lines(renderText(p, { color: false, verbose: true }));
    const at = out.indexOf('  ~ Pages (361309726 STDQ): +2 users, +1 device, -1 user [assigned 5 -> 7]');
    expect(out.slice(at + 1, at + 5)).toEqual([
      '      - s-1002',
      '      + s-1001',
      '      + s-1003',
      '      + DMPX1234ABCD',
    ]);
  });

  it('colours only when asked', () => {
    const p = plan(centralWithChanges());
    const colored = renderText(p, { color: true });
    expect(colored).toContain(ESC);
    expect(colored).toContain(`${ESC}32m+2 users`);
    expect(colored).toContain(`${ESC}31m-1 user`);
    expect(renderText(p, { color: false })).not.toContain(ESC);
    expect(renderText(p, { color: false, verbose: true })).not.toContain(ESC);
    const verbose = renderText(p, { color: true, verbose: true });
    expect(verbose).toContain(`      ${ESC}32m+ s-1001${ESC}39m\n      ${ESC}32m+ s-1003${ESC}39m`);
    expect(verbose).toContain(`      ${ESC}31m- s-1002${ESC}39m`);
  });

  it('ends a failed plan with its errors, naming asset, numbers and source position', () => {
    const loc = location({
      summary: summary({ associate: 40, requests: 1 }),
      batching: { assetRequests: 1, lowerBound: 1 },
      errors: [notEnoughLicenses],
      warnings: [{ code: 'subscription-device', message: 'devices of group grade-5 get no subscription' }],
    });
    const out = lines(renderText(plan(loc), { color: false }));
    expect(out.at(-1)).toBe('Plan failed: 1 error.');
    expect(out.at(-2)).toBe('Plan: 40 to associate, 0 to disassociate, 0 to revoke, 0 user changes, in 1 request.');
    expect(out).toContain('Error: 40 licenses wanted, 12 available (Pages, 361309726 STDQ) at vpp/central.yaml:31:5');
    expect(out).toContain('Warning: devices of group grade-5 get no subscription');
    const colored = renderText(plan(loc), { color: true });
    expect(colored).toContain(`${ESC}31mError: 40 licenses wanted`);
    expect(colored).toContain(`${ESC}33mWarning: devices`);
  });

  it('never says "No changes" for a plan that failed before it could plan anything', () => {
    const loc = location({ errors: [{ code: 'claimed-by-other-mdm', message: 'claimed by OtherMDM' }] });
    const out = lines(renderText(plan(loc), { color: false }));
    expect(out.slice(-2)).toEqual([
      'Plan: 0 to associate, 0 to disassociate, 0 to revoke, 0 user changes, in 0 requests.',
      'Plan failed: 1 error.',
    ]);
  });

  it('totals several locations and names them in messages', () => {
    const north = location({
      name: 'North', source: 'vpp/north.yaml', uId: '77',
      summary: summary({ associate: 5, revoke: 1, usersUpdate: 2, usersRetire: 1, requests: 4 }),
      errors: [{ code: 'unknown-user', message: 'user s-404 is not registered' }],
    });
    const idle = location({ name: 'Idle', source: 'vpp/idle.yaml' });
    const p = plan(centralWithChanges(), north, idle);
    const out = lines(renderText(p, { color: false }));
    expect(out.slice(-2)).toEqual([
      'Plan: 8 to associate, 1 to disassociate, 1 to revoke, 4 user changes, in 7 requests.',
      'Plan failed: 1 error.',
    ]);
    expect(out).toContain('Error: North: user s-404 is not registered');
    expect(out).toContain('Location "Idle" (vpp/idle.yaml, uId 2049025000431439)');
    expect(summaryLine(p.locations[2]!)).toBe('No changes. The location matches the desired state.');
    expect(summaryLine(plan(location(), location()))).toBe('No changes. The location matches the desired state.');
  });

  it('counts a claim-only plan as a change', () => {
    const loc = location({
      summary: summary({ requests: 1 }),
      requests: [{ endpoint: 'client/config', body: { mdmInfo: { id: 'ours', name: 'vppctl' } } }],
      changes: { claim: { to: { id: 'ours', name: 'vppctl' } } },
    });
    const out = renderText(plan(loc), { color: false });
    expect(out).toContain('  ~ claim the location for vppctl (ours)');
    expect(lines(out).at(-1)).toBe('Plan: 0 to associate, 0 to disassociate, 0 to revoke, 0 user changes, in 1 request.');
  });
});
