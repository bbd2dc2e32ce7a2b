import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VppApiError } from '../../src/api/errors.js';
import type { RetryInfo } from '../../src/api/retry.js';
import { droppedConnections, latency, respond, serviceUnavailable, throttled } from '../../src/sim/faults.js';
import { rejection, requestsTo, simState, startSim, type Sim } from './sim-fixture.js';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim(simState({ limits: { maxRequestPerSecond: 200 } }));
});
afterEach(async () => {
  await sim.close();
});

const isPost = (request: Request) => request.method === 'POST';
const newUser = { users: [{ clientUserId: 'new-1' }] };

describe('Retry-After', () => {
  it.each([
    ['delta-seconds', false],
    ['an HTTP-date', true],
  ])('is honoured in full when given as %s', async (_form, httpDate) => {
    sim.server.use(serviceUnavailable({ rate: 1, limit: 1, retryAfterSeconds: 1, httpDate }));
    const retries: RetryInfo[] = [];
    const client = sim.client({ onRetry: (info) => retries.push(info) });
    expect((await client.getClientConfig()).locationName).toBe('Central School');
    const [refused, retried] = requestsTo(sim, 'GET', '/client/config');
    expect(refused?.status).toBe(503);
    expect(retried?.status).toBe(200);
    expect(retried!.at).toBeGreaterThanOrEqual(refused!.retryAfterUntil!);
    expect(sim.server.log.earlyAfterRetryAfter()).toEqual([]);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ endpoint: 'GET /client/config', attempt: 1 });
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(1000);
  });

  it('holds every request of the client, not just the refused one', async () => {
    sim.server.use(serviceUnavailable({ rate: 0.3, limit: 3, retryAfterSeconds: 1, seed: 7, when: (r) => r.url.includes('/assignments') }));
    const client = sim.client();
    const [assignments, users] = await Promise.all([client.getAssignments(), client.getUsers()]);
    expect(assignments.assignments).toHaveLength(36);
    expect(users.users).toHaveLength(30);
    expect(sim.server.log.entries.filter((e) => e.status === 503).length).toBeGreaterThan(0);
    expect(sim.server.log.earlyAfterRetryAfter()).toEqual([]);
  });
});

describe('what is retried', () => {
  it('retries a POST refused with 503 (not processed), so the write lands once', async () => {
    sim.server.use(serviceUnavailable({ rate: 1, limit: 1, retryAfterSeconds: 1, when: isPost }));
    const { eventId } = await sim.client().write('users/create', newUser);
    expect(eventId).toBeTruthy();
    expect(requestsTo(sim, 'POST', '/users/create').map((e) => e.status)).toEqual([503, 200]);
    expect(sim.server.log.writes()).toHaveLength(1);
  });

  it('retries a POST throttled with 429 / 9646', async () => {
    sim.server.use(throttled({ rate: 1, limit: 2, when: isPost }));
    await sim.client().write('users/create', newUser);
    expect(requestsTo(sim, 'POST', '/users/create').map((e) => e.errorNumber ?? e.status)).toEqual([9646, 9646, 200]);
  });

  it('does not retry a POST whose connection dropped: the outcome is unknown', async () => {
    sim.server.use(droppedConnections({ rate: 1, limit: 1, when: isPost }));
    const err = await rejection(sim.client().write('users/create', newUser));
    expect(err).toBeInstanceOf(VppApiError);
    expect(err).toMatchObject({ endpoint: 'POST /users/create', status: 0, retryable: false, outcomeUnknown: true, attempts: 1 });
    expect(err.message).toMatch(/may or may not have been accepted.*re-read the live state/);
    expect(requestsTo(sim, 'POST', '/users/create')).toHaveLength(1);
    expect(requestsTo(sim, 'POST', '/users/create')[0]?.dropped).toBe(true);
  });

  it('does not retry a POST answered 500: it may have been applied', async () => {
    sim.server.use(respond({ paths: ['/users/create'] }, () => Response.json({ errorNumber: 9603, errorMessage: 'Internal error' }, { status: 500 })));
    const err = await rejection(sim.client().write('users/create', newUser));
    expect(err).toMatchObject({ status: 500, errorNumber: 9603, retryable: false, outcomeUnknown: true });
    expect(requestsTo(sim, 'POST', '/users/create')).toHaveLength(1);
  });

  it('retries a GET whose connection dropped, and a GET answered 500', async () => {
    sim.server.use(droppedConnections({ rate: 1, limit: 1 }));
    const client = sim.client();
    expect((await client.getClientConfig()).locationName).toBe('Central School');
    sim.server.resetHandlers();
    sim.server.use(respond({ paths: ['/users'], limit: 1 }, () => Response.json({ errorNumber: 9603, errorMessage: 'Internal error' }, { status: 500 })));
    expect((await client.getUsers()).users).toHaveLength(30);
    expect(requestsTo(sim, 'GET', '/client/config').map((e) => e.dropped ?? false)).toEqual([true, false]);
    expect(requestsTo(sim, 'GET', '/users').filter((e) => e.query.pageIndex === '0').map((e) => e.status)).toEqual([500, 200]);
  });

  it('retries a GET that timed out, but not a POST: a timed-out write may still land', async () => {
    // The timeout leaves room for a loaded 2-core machine to answer the retried GET in time.
    sim.server.use(latency({ ms: 3000, limit: 1, when: (r) => r.method === 'GET' }), latency({ ms: 3000, limit: 1, when: isPost }));
    const client = sim.client({ timeoutMs: 1000 });
    expect((await client.getClientConfig()).locationName).toBe('Central School');
    expect(requestsTo(sim, 'GET', '/client/config')).toHaveLength(2);
    const err = await rejection(client.write('users/create', newUser));
    expect(err).toMatchObject({ status: 0, retryable: false, outcomeUnknown: true, attempts: 1 });
    expect(err.message).toMatch(/UND_ERR_HEADERS_TIMEOUT/);
    // the server went on to accept the write the client gave up on: sending it again would have doubled it
    await expect.poll(() => sim.server.log.writes().length, { timeout: 5000 }).toBe(1);
    expect(requestsTo(sim, 'POST', '/users/create')).toHaveLength(1);
  });

  it('retries a connection that could not be opened, even for a POST', async () => {
    const retries: RetryInfo[] = [];
    const client = sim.client({ baseUrl: 'http://127.0.0.1:1/mdm/v2', retry: { maxAttempts: 2 }, onRetry: (i) => retries.push(i) });
    const err = await rejection(client.write('users/create', newUser));
    expect(err).toMatchObject({ status: 0, retryable: true, attempts: 2 });
    expect(err.message).toMatch(/^POST \/users\/create: gave up after 2 attempts; last: could not connect \(ECONNREFUSED/);
    expect(retries).toHaveLength(1);
  });

  it('gives up after the bounded attempts naming the endpoint and the last reason', async () => {
    sim.server.use(serviceUnavailable({ rate: 1, retryAfterSeconds: 0 }));
    const err = await rejection(sim.client({ retry: { maxAttempts: 3 } }).getAssets());
    expect(err.message).toMatch(/^GET \/assets: gave up after 3 attempts; last: HTTP 503 error 9729/);
    expect(err).toMatchObject({ status: 503, errorNumber: 9729, retryable: true, attempts: 3 });
    expect(requestsTo(sim, 'GET', '/assets')).toHaveLength(3);
  });

  it('never retries a refused token, and says what the admin should do', async () => {
    sim.server.model.revokeToken(sim.token);
    const err = await rejection(sim.client().getAssets());
    expect(err).toMatchObject({ status: 401, errorNumber: 9625, retryable: false });
    expect(err.message).toMatch(/download a new content token in Apple School Manager or Apple Business Manager.*Payments and Billing/);
    expect(sim.server.log.entries).toHaveLength(1);
  });
});
