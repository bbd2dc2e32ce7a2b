import { afterEach, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../src/api/rate-limit.js';
import { droppedConnections, serviceUnavailable, throttled } from '../../src/sim/faults.js';
import { applyPlan, Journal } from '../../src/apply/index.js';
import { desiredState, driftedLocation, expectMatches, FAST, planFor, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = undefined;
});

it('converges through 503s with Retry-After, throttling, dropped connections and 9603 inside events', async () => {
  const initial = driftedLocation();
  initial.limits = { maxRequestPerSecond: 15 };
  const retries: { delayMs: number; reason: string }[] = [];
  h = await startHarness(initial, { transientTaskFailureRate: 0.05, seed: 11 }, { onRetry: (r) => retries.push(r) });
  const { plan, replan } = await planFor(h, desiredState());
  h.sim.use(
    serviceUnavailable({ rate: 0.25, retryAfterSeconds: 1, seed: 3 }),
    throttled({ rate: 0.1, seed: 4 }),
    droppedConnections({ rate: 0.04, seed: 5 }),
  );
  const holds = vi.spyOn(RateLimiter.prototype, 'holdUntil');
  const logs: string[] = [];
  const journal = Journal.open(h.stateDir, plan.uId);
  const result = await applyPlan(plan, { api: h.api, journal, replan }, { ...FAST, maxRounds: 5, onLog: (l) => logs.push(l) });

  expect(result.converged, logs.join('\n')).toBe(true);
  expect(expectMatches(h.sim, desiredState(), initial)).toEqual([]);
  // The faults really struck, and apply had to work around them.
  const statuses = h.sim.log.entries.map((e) => e.status);
  expect(statuses).toContain(503);
  expect(statuses).toContain(429);
  expect(h.sim.log.entries.some((e) => e.dropped)).toBe(true);
  expect(result.retries + result.unknown.length).toBeGreaterThan(0);
  // Apple's rules were kept throughout: every retry of a 503 waited out its Retry-After in full, and
  // every 503 held the whole client until no sooner than the simulator meant. (What a hold and the
  // cap per second do to each request are the limiter's decisions, checked exactly in
  // test/api/rate-limit.test.ts. Timed here, where the client and
  // the simulator share one busy event loop, a request sent before a refusal was answered can reach
  // the simulator's handler hundreds of ms later and look early, or close behind the next.)
  const after503 = retries.filter((r) => /HTTP 503/.test(r.reason));
  expect(after503.length).toBeGreaterThan(0);
  for (const r of after503) expect(r.delayMs).toBeGreaterThanOrEqual(1000);
  for (const e of h.sim.log.entries.filter((x) => x.status === 503)) {
    expect(holds.mock.calls.some(([until]) => until >= e.retryAfterUntil!)).toBe(true);
  }
});
