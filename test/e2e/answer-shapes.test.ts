/**
 * Answers that do not match the API (issue 16, item 6): a 200 with a body of the wrong shape is
 * reported naming the request, the page and the field, never as "is not iterable"; a write whose
 * answer has no eventId is an unknown outcome, not a success. Built CLI against the simulator,
 * one path answered wrongly by a handler in front of it.
 */
import { describe, expect, it } from 'vitest';
import { wrongShape } from '../../src/sim/index.js';
import { CENTRAL_YAML, centralState, emptied, simRigs } from './sim-rig.js';

const rig = simRigs();

describe('an answer of the wrong shape', () => {
  it('plan names the request, the page and the field', async () => {
    const r = await rig(await centralState());
    r.sim.use(wrongShape({ paths: ['/assignments'], body: { assignments: 'oops', currentPageIndex: 0, totalPages: 1, size: 1, versionId: 'v1', uId: '2049025000431439' } }));
    const plan = await r.run(['plan', CENTRAL_YAML]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('GET /assignments: page 0 answered HTTP 200 but `assignments` is not a list (it is the text "oops")');
    expect(plan.stdout + plan.stderr).not.toMatch(/not iterable|Cannot read prop|undefined/);
  });

  it('a missing field deep in a page is named by its place', async () => {
    const r = await rig(await centralState());
    r.sim.use(
      wrongShape({ paths: ['/users'], body: { users: [{ clientUserId: 's-1', status: 'Registered' }, { status: 'Registered' }], currentPageIndex: 0, totalPages: 1, size: 2, versionId: 'v1' } }),
    );
    const plan = await r.run(['plan', CENTRAL_YAML]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('GET /users: page 0 answered HTTP 200 but `users[1].clientUserId` is missing');
  });

  it('apply treats a write answered without an eventId as an unknown outcome and does not claim success', async () => {
    const r = await rig(emptied(await centralState()));
    r.sim.use(wrongShape({ paths: ['/users/create'], body: { uId: '2049025000431439' } }));
    const applied = await r.apply([CENTRAL_YAML]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/answered HTTP 200 but `eventId` is missing; the write may or may not have been accepted/);
    expect(applied.stdout).toContain('NOT converged');
  });
});
