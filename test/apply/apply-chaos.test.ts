import { afterEach, expect, it } from 'vitest';
import { droppedConnections, serviceUnavailable, throttled } from '../../src/sim/faults.js';
import { desiredState, driftedLocation, expectMatches, planAndApply, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('converges through 503s with Retry-After, throttling, dropped connections and 9603 inside events', async () => {
  const initial = driftedLocation();
  initial.limits = { maxRequestPerSecond: 15 };
  h = await startHarness(initial, { transientTaskFailureRate: 0.05, seed: 11 });
  h.sim.use(
    serviceUnavailable({ rate: 0.25, retryAfterSeconds: 1, seed: 3 }),
    throttled({ rate: 0.1, seed: 4 }),
    droppedConnections({ rate: 0.04, seed: 5 }),
  );
  const { result, logs } = await planAndApply(h, desiredState(), { maxRounds: 5 });

  expect(result.converged, logs.join('\n')).toBe(true);
  expect(expectMatches(h.sim, desiredState(), initial)).toEqual([]);
  // The faults really struck, and apply had to work around them.
  const statuses = h.sim.log.entries.map((e) => e.status);
  expect(statuses).toContain(503);
  expect(statuses).toContain(429);
  expect(h.sim.log.entries.some((e) => e.dropped)).toBe(true);
  expect(result.retries + result.unknown.length).toBeGreaterThan(0);
  // Apple's rules were kept throughout. The client and the sim share one event loop here, so a
  // request sent just before a Retry-After answer can be logged by the sim a few hundred ms
  // later (seen: 140 ms on a loaded machine); the grace covers that, not a client ignoring the
  // wait, which would resend within its backoff of at most 50 ms (and many times in 1 s).
  expect(h.sim.log.earlyAfterRetryAfter({ graceMs: 300 })).toEqual([]);
  expect(h.sim.log.maxPerSecond()).toBeLessThanOrEqual(15);
});
