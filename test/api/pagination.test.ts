import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GetAssignmentsResponse } from '../../src/api/types.js';
import { respond } from '../../src/sim/faults.js';
import { rejection, requestsTo, simState, startSim, userId, type Sim } from './sim-fixture.js';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim(simState({ limits: { maxRequestPerSecond: 200 } }));
});
afterEach(async () => {
  await sim.close();
});

/** Lets the request through, after another installation's write lands when `when` says so. */
function writeDuring(when: (pageIndex: number) => boolean, newUser: () => string) {
  return respond({ paths: ['/assignments'] }, (request) => {
    const pageIndex = Number(new URL(request.url).searchParams.get('pageIndex') ?? 0);
    if (when(pageIndex)) {
      const { model } = sim.server;
      model.associate({ assets: [{ adamId: '100000001', pricingParam: 'STDQ' }], clientUserIds: [newUser()] });
      model.settle();
    }
    return undefined;
  });
}

describe('page-index walks under concurrent writes', () => {
  it('restarts from page 0 when a write changes versionId mid-walk, and returns the new data', async () => {
    let wrote = false;
    sim.server.use(
      writeDuring(
        (pageIndex) => pageIndex === 3 && !wrote && (wrote = true),
        () => userId(20),
      ),
    );
    const pages: GetAssignmentsResponse[] = [];
    const client = sim.client();
    const folded = await client.getAssignments(undefined, (page) => pages.push(page));
    const pageZeros = pages.filter((p) => p.currentPageIndex === 0);
    expect(pageZeros).toHaveLength(2);
    expect(pageZeros[0]!.versionId).not.toBe(pageZeros[1]!.versionId);
    expect(folded.versionId).toBe(pageZeros[1]!.versionId);
    // the walk after the restart is complete and consistent
    const after = pages.slice(pages.indexOf(pageZeros[1]!));
    expect(new Set(after.map((p) => p.versionId)).size).toBe(1);
    expect(after.flatMap((p) => p.assignments)).toHaveLength(37);

    const all = await client.getAssignments();
    expect(all.assignments).toHaveLength(37);
    expect(all.assignments.some((a) => a.clientUserId === userId(20))).toBe(true);
  });

  it('fails clearly after a bounded number of restarts', async () => {
    let next = 20;
    sim.server.use(writeDuring((pageIndex) => pageIndex === 1, () => userId(next++)));
    const err = await rejection(sim.client().getAssignments());
    expect(err.message).toMatch(/^GET \/assignments: the data changed while it was being read 4 times in a row/);
    expect(requestsTo(sim, 'GET', '/assignments').filter((e) => e.query.pageIndex === '0')).toHaveLength(4);
  });
});

describe('totalPages growing mid-walk', () => {
  it('keeps going until a page without nextPageIndex', async () => {
    // Pages 0-1 announce 2 pages, page 1 then announces 4: the walk must read pages 2 and 3 too.
    sim.server.use(
      respond({ paths: ['/users'] }, (request) => {
        const index = Number(new URL(request.url).searchParams.get('pageIndex') ?? 0);
        const totalPages = index === 0 ? 2 : 4;
        return Response.json({
          users: [{ clientUserId: `grown-${index}`, status: 'Registered' }],
          currentPageIndex: index,
          ...(index + 1 < totalPages && { nextPageIndex: index + 1 }),
          size: 1,
          totalPages,
          versionId: 'v-1',
          uId: '2049025000431439',
        });
      }),
    );
    const { users, versionId } = await sim.client().getUsers();
    expect(users.map((u) => u.clientUserId)).toEqual(['grown-0', 'grown-1', 'grown-2', 'grown-3']);
    expect(versionId).toBe('v-1');
    expect(requestsTo(sim, 'GET', '/users').map((e) => Number(e.query.pageIndex)).sort()).toEqual([0, 1, 2, 3]);
  });
});
