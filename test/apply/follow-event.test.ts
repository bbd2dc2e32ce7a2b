import { describe, expect, it } from 'vitest';
import { VppApiError } from '../../src/api/errors.js';
import type { StatusResponse, VppApi } from '../../src/api/types.js';
import { followEvent, SettleTimes } from '../../src/apply/follow-event.js';

/** A virtual clock: sleeping advances it; /status answers from a script. */
function rig(answers: (StatusResponse['eventStatus'] | Error)[]) {
  let now = 0;
  const sleeps: number[] = [];
  const api = {
    status: async () => {
      const a = answers.shift() ?? 'PENDING';
      if (a instanceof Error) throw a;
      return { eventStatus: a, eventType: 'ASSOCIATE', numCompleted: 0, numRequested: 1 } as StatusResponse;
    },
  } as unknown as VppApi;
  const timing = (pollIntervalMs: number, resubmitAfterMs = 600_000) => ({
    pollIntervalMs,
    resubmitAfterMs,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  });
  return { api, sleeps, timing };
}

const status503 = () => new VppApiError({ reason: 'HTTP 503', endpoint: 'GET /status', status: 503, errorNumber: 9729, retryable: true });

describe('following an event', () => {
  it('polls first after min(interval, 5 s), then every interval, until it settles', async () => {
    const r = rig(['PENDING', 'PENDING', 'COMPLETE']);
    expect(await followEvent(r.api, 'e', 0, r.timing(30_000))).toEqual({ kind: 'settled', eventStatus: 'COMPLETE', failures: [] });
    expect(r.sleeps).toEqual([5_000, 30_000, 30_000]);
    const fast = rig(['FAILED']);
    await followEvent(fast.api, 'e', 0, fast.timing(20));
    expect(fast.sleeps).toEqual([20]);
  });

  it('first polls a later event of the same endpoint no sooner than the fastest one settled', async () => {
    const times = new SettleTimes();
    const first = rig(['PENDING', 'PENDING', 'COMPLETE']);
    await followEvent(first.api, 'e1', 0, first.timing(1_000), { times, kind: 'assets/associate' });
    expect(first.sleeps).toEqual([1_000, 1_000, 1_000]);
    expect(times.of('assets/associate')).toBe(3_000);

    const later = rig(['COMPLETE']);
    await followEvent(later.api, 'e2', 0, later.timing(1_000), { times, kind: 'assets/associate' });
    expect(later.sleeps).toEqual([3_000]);
    // Accepted 500 ms before following starts (the answer took that long): the wait counts from acceptance.
    const late = rig(['COMPLETE']);
    const timing = late.timing(1_000);
    await timing.sleep(500);
    await followEvent(late.api, 'e3', 0, timing, { times, kind: 'assets/associate' });
    expect(late.sleeps).toEqual([500, 2_500]);

    // Another endpoint has learned nothing; a resumed event (no `learn`) keeps the plain schedule.
    const other = rig(['COMPLETE']);
    await followEvent(other.api, 'e4', 0, other.timing(1_000), { times, kind: 'users/create' });
    expect(other.sleeps).toEqual([1_000]);
    const resumed = rig(['COMPLETE']);
    await followEvent(resumed.api, 'e5', 0, resumed.timing(1_000));
    expect(resumed.sleeps).toEqual([1_000]);
    // A minute inside the client (a Retry-After) counts as at most one poll interval.
    const held = rig(['COMPLETE']);
    const heldTiming = held.timing(1_000);
    const slowApi = { status: async (id: string) => (await heldTiming.sleep(60_000), held.api.status(id)) } as unknown as VppApi;
    const fresh = new SettleTimes();
    await followEvent(slowApi, 'e6', 0, heldTiming, { times: fresh, kind: 'users/create' });
    expect(fresh.of('users/create')).toBe(2_000);
    // A faster event seen later lowers the estimate; a slower one does not raise it.
    times.saw('assets/associate', 2_000);
    times.saw('assets/associate', 9_000);
    expect(times.of('assets/associate')).toBe(2_000);
  });

  it('says overdue once PENDING for resubmitAfterMs, and keeps polling through retryable /status failures', async () => {
    const r = rig(['PENDING', status503(), 'PENDING']);
    expect(await followEvent(r.api, 'e', 0, r.timing(30_000, 600_000))).toEqual({ kind: 'overdue' });
    expect(r.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(600_000);
    expect(r.sleeps.reduce((a, b) => a + b, 0)).toBeLessThan(630_000);
  });

  it('gives the event up as unknown when Apple does not know it or /status keeps failing', async () => {
    const lost = rig([new VppApiError({ reason: 'x', endpoint: 'GET /status', status: 400, errorNumber: 9708, retryable: false })]);
    expect(await followEvent(lost.api, 'e', 0, lost.timing(20))).toMatchObject({ kind: 'lost', reason: expect.stringMatching(/9708/) });
    const failing = rig(Array.from({ length: 100 }, status503));
    expect(await followEvent(failing.api, 'e', 0, failing.timing(20, 100))).toMatchObject({ kind: 'lost', reason: expect.stringMatching(/kept failing/) });
    const token = rig([new VppApiError({ reason: 'token', endpoint: 'GET /status', status: 401, errorNumber: 9625, retryable: false })]);
    expect(await followEvent(token.api, 'e', 0, token.timing(20))).toMatchObject({ kind: 'lost', refused: expect.any(VppApiError) });
  });
});
