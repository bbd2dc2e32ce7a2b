import { describe, expect, it } from 'vitest';
import { VppApiError } from '../../src/api/errors.js';
import type { StatusResponse, VppApi } from '../../src/api/types.js';
import { followEvent } from '../../src/apply/follow-event.js';

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
