import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { MdmConflictError, TokenError, VppApiError } from '../../src/api/errors.js';
import { errorBody, httpStatusOf } from '../../src/sim/errors.js';
import { claimedByAnotherMdm, respond } from '../../src/sim/faults.js';
import { makeSimToken } from '../../src/sim/token.js';
import { OURS, THEIRS, rejection, requestsTo, simState, startSim, type Sim } from './sim-fixture.js';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim(simState({ limits: { maxRequestPerSecond: 200 } }));
});
afterEach(async () => {
  await sim.close();
});

const innerSecret = (token: string): string => (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { token: string }).token;

describe('every error number of the simulator', () => {
  it('becomes a VppApiError with its status, errorNumber and retryability, for GETs and POSTs', async () => {
    const client = sim.client({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const catalog = (await client.serviceConfig()).errorCodes ?? [];
    expect(catalog.length).toBeGreaterThan(40);
    for (const { errorNumber } of catalog) {
      const status = httpStatusOf(errorNumber);
      sim.server.resetHandlers();
      sim.server.use(respond({ paths: ['/client/config'] }, () => Response.json(errorBody(errorNumber, { clientUserIds: ['u-1'] }), { status })));
      const refused = status === 503 || status === 429;
      for (const method of ['GET', 'POST'] as const) {
        sim.server.log.clear();
        const err = await rejection<Error>(method === 'GET' ? client.getClientConfig() : client.setClientConfig({ notificationTypes: [] }));
        const retryable = refused || (method === 'GET' && status >= 500);
        expect(err, `${method} ${errorNumber}`).toBeInstanceOf(VppApiError);
        expect(err, `${method} ${errorNumber}`).toMatchObject({
          endpoint: `${method} /client/config`,
          status,
          errorNumber,
          errorMessage: errorBody(errorNumber).errorMessage,
          errorInfo: { clientUserIds: ['u-1'] },
          retryable,
          attempts: retryable ? 2 : 1,
        });
        expect(sim.server.log.entries, `${method} ${errorNumber}`).toHaveLength(retryable ? 2 : 1);
        expect(err.message).toContain(`error ${errorNumber}`);
        if (status === 401) expect(err.message).toMatch(/download a new content token/);
      }
    }
  });

  it('surfaces errors the simulator raises itself', async () => {
    const client = sim.client();
    expect(await rejection<Error>(client.status('no-such-event'))).toMatchObject({ status: 400, errorNumber: 9708, retryable: false, endpoint: 'GET /status' });
    const tooMany = Array.from({ length: 26 }, (_, i) => ({ adamId: String(300000000 + i), pricingParam: 'STDQ' as const }));
    expect(await rejection<Error>(client.write('assets/associate', { assets: tooMany, clientUserIds: ['u-0001'] }))).toMatchObject({ status: 400, errorNumber: 9700 });
    expect(await rejection<Error>(client.write('assets/disassociate', { assets: [{ adamId: '200000001', pricingParam: 'STDQ' }], clientUserIds: ['u-0001'] }))).toMatchObject({
      status: 400,
      errorNumber: 9706,
      errorInfo: { assets: [{ adamId: '200000001', pricingParam: 'STDQ' }] },
    });
    expect(await rejection<Error>(client.getAssignments({ sinceVersionId: 'garbage' }))).toMatchObject({ status: 400, errorNumber: 9721 });
  });

  it('treats a 200 whose body carries an errorNumber as an error', async () => {
    sim.server.use(respond({ paths: ['/client/config'] }, () => Response.json({ errorNumber: 9601, errorMessage: 'Login required' })));
    const err = await rejection<Error>(sim.client().getClientConfig());
    expect(err).toMatchObject({ status: 200, errorNumber: 9601, retryable: false });
    expect(err.message).toMatch(/^GET \/client\/config: HTTP 200 error 9601 \(Login required\): Apple refused the content token; download a new content token/);
  });

  it('retries a 200 whose body says 9646 (too many requests)', async () => {
    sim.server.use(respond({ paths: ['/client/config'], limit: 1 }, () => Response.json({ errorNumber: 9646, errorMessage: 'Too many requests' })));
    expect((await sim.client().getClientConfig()).locationName).toBe('Central School');
    expect(requestsTo(sim, 'GET', '/client/config')).toHaveLength(2);
  });
});

describe('the token', () => {
  it('fails before any request when expired, naming the organization but never the token', async () => {
    const token = makeSimToken({ orgName: 'Central School', expDate: new Date(Date.now() - 60_000) });
    const err = await rejection<Error>(Promise.resolve().then(() => createClient({ token, baseUrl: sim.server.url })));
    expect(err).toBeInstanceOf(TokenError);
    expect(err.message).toMatch(/content token for Central School expired on .*download a new content token/);
    expect(err.message).not.toContain(token);
    expect(err.message).not.toContain(innerSecret(token));
    expect(sim.server.log.entries).toEqual([]);
  });

  it('fails before any request when unreadable', async () => {
    const token = Buffer.from('{"token":"s3cr3t-value","orgName":"X"}').toString('base64');
    for (const bad of [token, 'definitely not a token', '']) {
      const err = await rejection<Error>(Promise.resolve().then(() => createClient({ token: bad, baseUrl: sim.server.url })));
      expect(err).toBeInstanceOf(TokenError);
      expect(err.message).not.toContain('s3cr3t-value');
    }
    expect(sim.server.log.entries).toEqual([]);
  });

  it('never appears in an error, even from the HTTP layer', async () => {
    const { token } = sim;
    sim.server.use(respond({ paths: ['/assets'] }, () => Response.json({ errorNumber: 9602, errorMessage: `bad header Bearer ${token}` }, { status: 400 })));
    const fromApple = await rejection<Error>(sim.client().getAssets());
    const refused = await rejection<Error>(sim.client({ baseUrl: `http://127.0.0.1:1/${innerSecret(token)}/mdm/v2`, retry: { maxAttempts: 1 } }).getUsers());
    for (const err of [fromApple, refused]) {
      const text = `${err.message} ${JSON.stringify(err)} ${err.stack}`;
      expect(text).not.toContain(token);
      expect(text).not.toContain(innerSecret(token));
    }
    expect((fromApple as VppApiError).errorMessage).toBe('bad header Bearer [redacted]');
  });
});

describe('mdmInfo', () => {
  it('blocks writes once a response shows another installation, without sending them', async () => {
    sim.server.model.setMdmInfo(THEIRS);
    const client = sim.client();
    await client.getClientConfig();
    expect(client.observedMdmInfo).toEqual(THEIRS);
    const err = await rejection<Error>(client.write('users/create', { users: [{ clientUserId: 'new-1' }] }));
    expect(err).toBeInstanceOf(MdmConflictError);
    expect(err).toMatchObject({ ours: OURS.id, theirs: THEIRS });
    expect(err.message).toMatch(/"Other MDM" \(mdmInfo.id a3c9e5f1.*--take-over/);
    expect(await rejection<Error>(client.setClientConfig({ mdmInfo: OURS }))).toBeInstanceOf(MdmConflictError);
    expect(sim.server.log.entries.filter((e) => e.method === 'POST')).toEqual([]);
  });

  it('notices a claim that happens mid-run', async () => {
    sim.server.use(claimedByAnotherMdm({ model: sim.server.model, mdmInfo: THEIRS, afterRequests: 1 }));
    const client = sim.client();
    await client.write('users/create', { users: [{ clientUserId: 'new-1' }] });
    await client.getUsers();
    expect(await rejection<Error>(client.write('users/create', { users: [{ clientUserId: 'new-2' }] }))).toBeInstanceOf(MdmConflictError);
    expect(sim.server.log.writes()).toHaveLength(1);
  });

  it('lets --take-over claim the location, after which it is ours again', async () => {
    sim.server.model.setMdmInfo(THEIRS);
    const takeOver = sim.client({ takeOver: true });
    await takeOver.getClientConfig();
    expect((await takeOver.setClientConfig({ mdmInfo: OURS })).mdmInfo).toEqual(OURS);
    const client = sim.client();
    await client.getClientConfig();
    expect((await client.write('users/create', { users: [{ clientUserId: 'new-1' }] })).eventId).toBeTruthy();
  });
});
