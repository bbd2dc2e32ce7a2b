import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { WINDOW_MS } from '../../src/api/rate-limit.js';
import { latency, respond, serviceUnavailable } from '../../src/sim/faults.js';
import { simState, startSim, type Sim } from './sim-fixture.js';

let sim: Sim | undefined;
let stopRecording: (() => void) | undefined;
afterEach(async () => {
  stopRecording?.();
  stopRecording = undefined;
  await sim?.close();
  sim = undefined;
});

/** When the client started each request from now on (undici creates the request as it sends). */
function recordStarts(): number[] {
  const starts: number[] = [];
  const onCreate = (): void => {
    starts.push(Date.now());
  };
  subscribe('undici:request:create', onCreate);
  stopRecording = () => unsubscribe('undici:request:create', onCreate);
  return starts;
}

/** How many starts fall in [t, t + ms) for every whole-ms t from `from` to `to`. */
function windowCounts(starts: number[], ms: number, from: number, to: number): number[] {
  const counts: number[] = [];
  for (let t = from; t <= to; t++) counts.push(starts.filter((s) => s >= t && s < t + ms).length);
  return counts;
}

/**
 * The client-side shape of the rate: never above the cap in any second, and evenly spaced (no
 * bursts). How close to the cap it runs is throughput, measured by `npm run bench`, not asserted
 * here: on a busy machine timers fire late.
 */
function expectSteadyRate(starts: number[], cap: number): void {
  const first = starts[0]!;
  const last = starts.at(-1)!;
  expect(Math.max(...windowCounts(starts, WINDOW_MS, first, last))).toBeLessThanOrEqual(cap);
  // Starts are seen when undici creates the request, a few ms after the limiter's grant on a busy
  // event loop, so one gap can read a little short of 1000 / cap; a burst would read near 0.
  const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(Math.floor(WINDOW_MS / cap) - 10);
}

function expectNoThrottling(s: Sim, cap: number): void {
  expect(s.server.log.maxPerSecond()).toBeLessThanOrEqual(cap);
  expect(s.server.log.entries.filter((e) => e.status === 429 || e.errorNumber === 9646)).toEqual([]);
}

describe('request rate', () => {
  it("holds the location's maxRequestPerSecond, retries included", async () => {
    sim = await startSim(simState({ limits: { maxRequestPerSecond: 5 } }));
    const client = sim.client();
    expect((await client.limits()).maxRequestPerSecond).toBe(5);
    const answers = await Promise.all(Array.from({ length: 19 }, (_, i) => (i % 2 ? client.getClientConfig() : client.status('no-such-event').catch((e: Error) => e))));
    expect(answers).toHaveLength(19);
    const log = sim.server.log;
    expect(log.entries).toHaveLength(20);
    expectNoThrottling(sim, 5);
  });

  it('spaces 45 concurrent requests evenly at close to the cap, never above it as the server counts', async () => {
    sim = await startSim(simState({ limits: { maxRequestPerSecond: 15 } }));
    const client = sim.client();
    await client.limits();
    const starts = recordStarts();
    await Promise.all(Array.from({ length: 45 }, () => client.getClientConfig()));
    expect(starts).toHaveLength(45);
    expectSteadyRate(starts, 15);
    expectNoThrottling(sim, 15);
  });

  it('keeps the rate when answers are slow: sends do not wait for answers', async () => {
    // 100 ms on the way in (before the sim counts the request), 250 ms more before each answer.
    sim = await startSim(simState({ limits: { maxRequestPerSecond: 15 } }), { latencyMs: 250 });
    const client = sim.client();
    await client.limits();
    sim.server.use(latency({ ms: 100 }));
    const starts = recordStarts();
    await Promise.all(Array.from({ length: 30 }, () => client.getClientConfig()));
    expect(starts).toHaveLength(30);
    expectSteadyRate(starts, 15);
    // Sends do not wait for answers: every answer takes at least 350 ms, yet the next request
    // started well within that (its turn comes 1000 / 15 ms later).
    expect(starts[1]! - starts[0]!).toBeLessThan(350);
    expectNoThrottling(sim, 15);
  });

  it('holds requests already waiting their turn when a Retry-After comes in', async () => {
    // At 4 per second a turn comes every 250 ms, well after the refusal is answered.
    sim = await startSim(simState({ limits: { maxRequestPerSecond: 4 } }));
    const client = sim.client();
    await client.limits();
    sim.server.use(serviceUnavailable({ rate: 1, limit: 1, retryAfterSeconds: 1 }));
    const starts = recordStarts();
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.getClientConfig()));
    expect(answers).toHaveLength(5);
    const log = sim.server.log;
    const refused = log.entries.find((e) => e.status === 503);
    expect(refused?.respondedAt).toBeDefined();
    expect(log.earlyAfterRetryAfter({ graceMs: 100 })).toEqual([]);
    // The client learned of the hold no sooner than the sim answered, so it ran at least until then + 1 s.
    expect(starts).toHaveLength(6);
    for (const start of starts.slice(1)) expect(start).toBeGreaterThanOrEqual(refused!.respondedAt! + 1000);
  });

  it('keeps at most 5 paged GETs in flight across concurrent walks', async () => {
    sim = await startSim(simState({ users: 60, assigned: 30, limits: { maxRequestPerSecond: 500 } }));
    let inFlight = 0;
    let most = 0;
    const counting = respond({ paths: ['/assignments', '/users'] }, async () => {
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
