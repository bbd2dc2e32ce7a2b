import { http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { simState, startSim, type Sim } from './sim-fixture.js';

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('request rate', () => {
  it("holds the location's maxRequestPerSecond, retries included", async () => {
    sim = await startSim(simState({ limits: { maxRequestPerSecond: 5 } }));
    const client = sim.client();
    expect((await client.limits()).maxRequestPerSecond).toBe(5);
    const answers = await Promise.all(Array.from({ length: 19 }, (_, i) => (i % 2 ? client.getClientConfig() : client.status('no-such-event').catch((e: Error) => e))));
    expect(answers).toHaveLength(19);
    const log = sim.server.log;
    expect(log.entries).toHaveLength(20);
    expect(log.maxPerSecond()).toBeLessThanOrEqual(5);
    expect(log.entries.filter((e) => e.errorNumber === 9646)).toEqual([]);
  });

  it('keeps at most 5 paged GETs in flight across concurrent walks', async () => {
    sim = await startSim(simState({ users: 60, assigned: 30, limits: { maxRequestPerSecond: 500 } }));
    let inFlight = 0;
    let most = 0;
    const counting = http.get(/\/(assignments|users)$/, async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight--;
      return undefined;
    });
    sim.server.use(counting);
    const client = sim.client();
    await client.limits();
    const [assignments, users] = await Promise.all([client.getAssignments(), client.getUsers()]);
    // 3 apps x (30 users + 2 devices) = 96 rows (20 pages) and 60 users (12 pages)
    expect(assignments.assignments).toHaveLength(96);
    expect(users.users).toHaveLength(60);
    expect(most).toBe(5);
  });
});
