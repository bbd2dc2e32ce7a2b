/** Several locations behind one base URL, told apart by their tokens, over real HTTP. */
import { fetch } from 'undici';
import { afterEach, describe, expect, test } from 'vitest';
import { makeSimToken, startSimServer, type SimServer } from '../../src/sim/index.js';
import { app, baseState, users } from './helpers.js';

let sim: SimServer | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const north = () => baseState({ uId: '1000000000000001', locationName: 'North School', assets: [app('1', 10)], users: users('n1', 'n2') });
const south = (maxRequestPerSecond = 100_000) =>
  baseState({ uId: '1000000000000002', locationName: 'South School', limits: { maxRequestPerSecond }, assets: [app('1', 5), app('2', 5)], users: users('s1') });

async function call(method: string, path: string, token: string | undefined, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${sim!.url}${path}`, {
    method,
    headers: { ...(token !== undefined && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

describe('several locations behind one URL', () => {
  test('each token reaches its own location: reads, writes, events and versionIds stay apart', async () => {
    sim = await startSimServer({ locations: [north(), south()] });
    const [n, s] = sim.locations;
    expect(sim.model).toBe(n!.model);
    expect((await call('GET', '/client/config', n!.token)).json).toMatchObject({ locationName: 'North School', uId: '1000000000000001' });
    expect((await call('GET', '/client/config', s!.token)).json).toMatchObject({ locationName: 'South School', uId: '1000000000000002' });

    const accepted = await call('POST', '/assets/associate', s!.token, { assets: [{ adamId: '1' }], clientUserIds: ['s1'] });
    expect(accepted.status).toBe(200);
    // The event is South's: North does not know it, and North's holders are untouched.
    expect((await call('GET', `/status?eventId=${accepted.json.eventId}`, n!.token)).json.errorNumber).toBe(9708);
    expect((await call('GET', `/status?eventId=${accepted.json.eventId}`, s!.token)).json.eventStatus).toBe('COMPLETE');
    expect(s!.model.holders('1').users).toEqual(['s1']);
    expect(n!.model.holders('1').users).toEqual([]);

    // A versionId is its location's own: another location answers 9721.
    const southVersion = (await call('GET', '/assignments', s!.token)).json.versionId;
    expect((await call('GET', `/assignments?sinceVersionId=${southVersion}`, s!.token)).status).toBe(200);
    expect((await call('GET', `/assignments?sinceVersionId=${southVersion}`, n!.token)).json.errorNumber).toBe(9721);

    // Log entries say which location each request reached.
    expect(sim.log.writes({ uId: '1000000000000002' }).map((e) => e.path)).toEqual(['/assets/associate']);
    expect(sim.log.writes({ uId: '1000000000000001' })).toEqual([]);
    expect(new Set(sim.log.entries.map((e) => e.uId))).toEqual(new Set(['1000000000000001', '1000000000000002']));
  });

  test('a token made for no location is refused like a revoked one (9625); missing and malformed stay 9601 / 9722', async () => {
    sim = await startSimServer({ locations: [north(), south()] });
    const stranger = makeSimToken({ orgName: 'North School' });
    const refused = await call('GET', '/assets', stranger);
    expect([refused.status, refused.json.errorNumber]).toEqual([401, 9625]);
    expect(JSON.stringify(refused.json)).not.toContain(stranger);
    expect(sim.log.entries.at(-1)!.uId).toBeUndefined();
    expect((await call('GET', '/assets', undefined)).json.errorNumber).toBe(9601);
    expect((await call('GET', '/assets', 'not a token')).json.errorNumber).toBe(9722);
    // Revoking one location's token leaves the other location reachable.
    sim.locations[0]!.model.revokeToken(sim.locations[0]!.token);
    expect((await call('GET', '/assets', sim.locations[0]!.token)).json.errorNumber).toBe(9625);
    expect((await call('GET', '/assets', sim.locations[1]!.token)).status).toBe(200);
  });

  test("each location has its own request cap: one location's 429s never touch another's", async () => {
    sim = await startSimServer({ locations: [north(), south(3)], options: { now: () => 0 } });
    const [n, s] = sim.locations;
    const south4 = [];
    for (let i = 0; i < 4; i++) south4.push((await call('GET', '/assets', s!.token)).status);
    expect(south4).toEqual([200, 200, 200, 429]);
    for (let i = 0; i < 5; i++) expect((await call('GET', '/assets', n!.token)).status).toBe(200);
    expect(sim.log.maxPerSecond({ uId: '1000000000000002' })).toBe(4);
    expect(sim.log.maxPerSecond({ uId: '1000000000000001' })).toBe(5);
  });

  test('GET /service/config answers with the limits of the location a token reaches, else the first', async () => {
    sim = await startSimServer({ locations: [north(), south(3)] });
    const limitsWith = async (token?: string) => (await call('GET', '/service/config', token)).json.limits.maxRequestPerSecond;
    expect(await limitsWith(sim.locations[1]!.token)).toBe(3);
    expect(await limitsWith(undefined)).toBe(100_000);
  });

  test('tokens can be given, e.g. an expired one for one location', async () => {
    const expired = makeSimToken({ orgName: 'South School', expDate: new Date(Date.now() - 60_000) });
    sim = await startSimServer({ locations: [north(), south()], tokens: [undefined, expired] });
    expect(sim.locations[1]!.token).toBe(expired);
    expect((await call('GET', '/assets', expired)).json.errorNumber).toBe(9621);
    expect((await call('GET', '/assets', sim.locations[0]!.token)).status).toBe(200);
  });

  test('one state keeps today\'s behaviour: any well-formed token reaches it', async () => {
    sim = await startSimServer({ state: north() });
    expect(sim.locations).toHaveLength(1);
    expect(sim.locations[0]!.model).toBe(sim.model);
    expect((await call('GET', '/assets', makeSimToken())).status).toBe(200);
    expect((await call('GET', '/assets', sim.locations[0]!.token)).status).toBe(200);
    expect(sim.log.entries.every((e) => e.uId === '1000000000000001')).toBe(true);
  });

  test('refuses two locations with one uId, and a state together with locations', async () => {
    await expect(startSimServer({ locations: [north(), north()] })).rejects.toThrow(/same uId/);
    await expect(startSimServer({ state: north(), locations: [south()] })).rejects.toThrow(/not both/);
  });
});
