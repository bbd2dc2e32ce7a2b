/**
 * The request rate cap. The limiter's decisions are checked exactly on a virtual clock: which
 * request starts when, to the millisecond. Over real HTTP against the simulator, where the client
 * and the simulator share one event loop on a machine that may be busy, only what load cannot
 * change is asserted: counts, and lower bounds on time (load makes things later, never sooner).
 * How close to the cap the client runs is throughput, measured by `npm run bench`.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter, SAFETY_MARGIN_MS, WINDOW_MS, type LimiterClock } from '../../src/api/rate-limit.js';
import { latency, respond, serviceUnavailable } from '../../src/sim/faults.js';
import { simState, startSim, type Sim } from './sim-fixture.js';

/** A clock that moves only when every pending promise has settled: each sleeper wakes at its exact time. */
function virtualClock(): LimiterClock & { settle(): Promise<void> } {
  let now = 0;
  const sleepers: { until: number; wake: () => void }[] = [];
  const idle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ until: now + ms, wake })),
    async settle() {
      for (await idle(); sleepers.length > 0; await idle()) {
        sleepers.sort((a, b) => a.until - b.until);
        const next = sleepers.shift()!;
        now = Math.max(now, next.until);
        next.wake();
      }
    },
  };
}

/**
 * Runs `count` requests through a limiter on the virtual clock. Each takes `answerMs` to answer (a
 * sleep on the same clock); `onStart(i, limiter)` runs as request i starts. Returns the start times.
 */
async function startTimes(opts: { cap: number; count: number; answerMs: number; onStart?: (i: number, limiter: RateLimiter) => void }): Promise<number[]> {
  const clock = virtualClock();
  const limiter = new RateLimiter(opts.cap, clock);
  const starts: number[] = [];
  const all = Promise.all(
    Array.from({ length: opts.count }, (_, i) =>
      limiter.run(async () => {
        starts[i] = clock.now();
        opts.onStart?.(i, limiter);
        if (opts.answerMs > 0) await clock.sleep(opts.answerMs);
      }),
    ),
  );
  await clock.settle();
  await all;
  return starts;
}

describe('rate limiter decisions (virtual clock)', () => {
  it('spaces starts a second / cap apart, in the order they were asked for', async () => {
    expect(await startTimes({ cap: 5, count: 8, answerMs: 0 })).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400]);
  });

  it('counts an unanswered request for a second after start + the margin: of any cap + 1, the last waits that long', async () => {
    // Answers take 5 s: each request counts until its start + 100 ms margin + 1 s.
    const starts = await startTimes({ cap: 5, count: 11, answerMs: 5000 });
    expect(starts).toEqual([0, 200, 400, 600, 800, 1100, 1300, 1500, 1700, 1900, 2200]);
    for (let i = 5; i < starts.length; i++) expect(starts[i]! - starts[i - 5]!).toBeGreaterThanOrEqual(WINDOW_MS + SAFETY_MARGIN_MS);
  });

  it('counts an answered request only until a second after its answer', async () => {
    // Answered in 30 ms, sooner than the margin: the window, not the margin, sets the sixth start.
    const starts = await startTimes({ cap: 5, count: 6, answerMs: 30 });
    expect(starts).toEqual([0, 200, 400, 600, 800, 1030]);
  });

  it('holds requests already waiting their turn when a Retry-After comes in', async () => {
    // The first request's answer says: nothing before 1500. The second was already waiting (for 250).
    const starts = await startTimes({ cap: 4, count: 3, answerMs: 0, onStart: (i, limiter) => i === 0 && limiter.holdUntil(1500) });
    expect(starts).toEqual([0, 1500, 1750]);
  });

  it('follows a lower rate from the next start on, counting the requests already in its window', async () => {
    // At 2 a second, the two started at 0 and 100 fill the window until 1000; then 500 apart.
    const starts = await startTimes({ cap: 10, count: 4, answerMs: 0, onStart: (i, limiter) => i === 1 && limiter.setRate(2) });
    expect(starts).toEqual([0, 100, 1000, 1500]);
  });
});

let sim: Sim | undefined;
const stopRecording: (() => void)[] = [];
afterEach(async () => {
  stopRecording.splice(0).forEach((stop) => stop());
  vi.restoreAllMocks();
  await sim?.close();
  sim = undefined;
});

/** Requests the client started and not yet answered, at their most: watched on undici's own channels. */
function recordOverlap(): { most: number } {
  const open = new Set<unknown>();
  const seen = { most: 0 };
  const onCreate = (message: unknown): void => {
    open.add((message as { request: unknown }).request);
    seen.most = Math.max(seen.most, open.size);
  };
  const onHeaders = (message: unknown): void => void open.delete((message as { request: unknown }).request);
  subscribe('undici:request:create', onCreate);
  subscribe('undici:request:headers', onHeaders);
  stopRecording.push(() => {
    unsubscribe('undici:request:create', onCreate);
    unsubscribe('undici:request:headers', onHeaders);
  });
  return seen;
}

/** The sim's refusals for its own cap: each one is sent again, so it adds exactly one request. */
const refusedForRate = (s: Sim) => s.server.log.entries.filter((e) => e.status === 429 || e.errorNumber === 9646);

describe('request rate over HTTP', () => {
  it("holds the location's maxRequestPerSecond, retries included: 20 requests take at least 19 / 5 s", async () => {
    sim = await startSim(simState({ limits: { maxRequestPerSecond: 5 } }));
    const client = sim.client();
    const t0 = Date.now();
    expect((await client.limits()).maxRequestPerSecond).toBe(5);
    const answers = await Promise.all(Array.from({ length: 19 }, (_, i) => (i % 2 ? client.getClientConfig() : client.status('no-such-event').catch((e: Error) => e))));
    const elapsed = Date.now() - t0;
    expect(answers).toHaveLength(19);
    // The first request taught the client the cap, so the other 19 started 200 ms apart at least.
    expect(elapsed).toBeGreaterThanOrEqual(18 * 200);
    // The simulator counts arrivals on the same busy event loop: a request held up on its way
    // can arrive close behind the next and be refused (429); it is then sent again, once.
    expect(sim.server.log.entries).toHaveLength(20 + refusedForRate(sim).length);
  });

  it('spaces 45 concurrent requests: no burst, at least 44 / 15 s from the first to the last', async () => {
    sim = await startSim(simState({ limits: { maxRequestPerSecond: 15 } }));
    const client = sim.client();
    await client.limits();
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 45 }, () => client.getClientConfig()));
    expect(Date.now() - t0).toBeGreaterThanOrEqual((44 * WINDOW_MS) / 15);
    expect(sim.server.log.entries).toHaveLength(46 + refusedForRate(sim).length);
  });

  it('keeps the rate when answers are slow: sends do not wait for answers', async () => {
    // 100 ms on the way in and 250 ms before each answer, while turns come every 1000 / 15 ms: the
    // limiter's timer for the next start always fires before the simulator's for the last answer.
    sim = await startSim(simState({ limits: { maxRequestPerSecond: 15 } }), { latencyMs: 250 });
    const client = sim.client();
    await client.limits();
    sim.server.use(latency({ ms: 100 }));
    const overlap = recordOverlap();
    await Promise.all(Array.from({ length: 30 }, () => client.getClientConfig()));
    expect(overlap.most).toBeGreaterThanOrEqual(2);
    expect(sim.server.log.entries).toHaveLength(31 + refusedForRate(sim).length);
  });

  it('a Retry-After answer holds the whole client until it passes, as the simulator meant it', async () => {
    sim = await startSim(simState({ limits: { maxRequestPerSecond: 4 } }));
    const client = sim.client();
    await client.limits();
    const holds = vi.spyOn(RateLimiter.prototype, 'holdUntil');
    sim.server.use(serviceUnavailable({ rate: 1, limit: 1, retryAfterSeconds: 1 }));
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.getClientConfig()));
    expect(answers).toHaveLength(5);
    const refused = sim.server.log.entries.filter((e) => e.status === 503);
    expect(refused).toHaveLength(1);
    // The client heard the answer after the simulator sent it, so its hold ends no sooner. (A
    // refusal for the rate, should load cause one, may hold it too.)
    expect(holds.mock.calls.some(([until]) => until >= refused[0]!.retryAfterUntil!)).toBe(true);
    // What a hold does to the requests waiting their turn is checked exactly on the virtual clock above.
    expect(sim.server.log.entries).toHaveLength(1 + 5 + 1 + refusedForRate(sim).length);
  });

  it('keeps at most 5 paged GETs in flight across concurrent walks', async () => {
    sim = await startSim(simState({ users: 60, assigned: 30, limits: { maxRequestPerSecond: 500 } }));
    let inFlight = 0;
    let most = 0;
    // Pages after the first wait at the simulator until five are in flight, then 200 ms more for a
    // sixth to show up if the client allowed one; from then on they pass. The first page of each
    // walk passes at once (it says how many pages follow), so five are reached whatever the load.
    let gate: Promise<void> | undefined;
    let open = false;
    let release!: () => void;
    const reached = new Promise<void>((resolve) => (release = resolve));
    const counting = respond({ paths: ['/assignments', '/users'] }, async (request) => {
      const firstPage = (new URL(request.url).searchParams.get('pageIndex') ?? '0') === '0';
      inFlight++;
      most = Math.max(most, inFlight);
      if (inFlight >= 5) release();
      if (!open && !firstPage) {
        gate ??= reached.then(() => new Promise<void>((resolve) => setTimeout(resolve, 200))).then(() => void (open = true));
        await gate;
      }
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
