/** The content metadata lookup the simulator answers on its own origin, over real HTTP. */
import { fetch } from 'undici';
import { afterEach, describe, expect, test } from 'vitest';
import { emptyLookup, failingLookup, loadSimState, makeSimToken, slowLookup, startSimServer, type SimServer } from '../../src/sim/index.js';
import { app, baseState } from './helpers.js';

let sim: SimServer | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const QUERY = 'version=2&p=mdm-lockup&caller=MDM&platform=enterprisestore&cc=us&l=en';

async function lookupUrl(): Promise<string> {
  const config = (await (await fetch(`${sim!.url}/service/config`)).json()) as { urls: { contentMetadataLookup: string } };
  return config.urls.contentMetadataLookup;
}

async function lookup(ids: string[], cookie?: string): Promise<{ status: number; json: any; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${await lookupUrl()}?${QUERY}&id=${ids.join(',')}`, { headers: cookie === undefined ? {} : { cookie } });
  return { status: res.status, json: await res.json(), ms: Date.now() - started };
}

describe('content metadata lookup', () => {
  test('service/config points at the sim; many ids at once; names and kinds from the state; unknown and unnamed ids absent', async () => {
    sim = await startSimServer({ state: await loadSimState('examples/sim/central-school.json') });
    expect(await lookupUrl()).toBe(`${sim.url.replace('/mdm/v2', '')}/WebObjects/MZStorePlatform.woa/wa/lookup`);
    const answer = await lookup(['361309726', '361304891', '361285480', '1559451201', '999999999'], `itvt=${sim.locations[0]!.token}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      results: {
        '361309726': { id: '361309726', name: 'Pages', kind: 'software', artistName: 'Apple' },
        '361304891': { id: '361304891', name: 'Numbers', kind: 'software', artistName: 'Apple' },
        '361285480': { id: '361285480', name: 'Keynote', kind: 'software', artistName: 'Apple' },
        '1559451201': { id: '1559451201', name: 'Grade 5 Reader', kind: 'ebook', artistName: 'Riverside Learning Press' },
      },
      version: 2,
    });
  });

  test('a macOS-only app is mac-software; an asset without a name is unknown to the store', async () => {
    sim = await startSimServer({
      state: baseState({ assets: [app('10', 1, { supportedPlatforms: ['macOS'], name: 'Final Cut Pro' }), app('11', 1)] }),
    });
    const answer = await lookup(['10', '11'], `other=1; itvt=${makeSimToken()}`);
    expect(answer.json).toEqual({ results: { '10': { id: '10', name: 'Final Cut Pro', kind: 'mac-software' } }, version: 2 });
  });

  test('401 without the sToken as cookie itvt, or with one the API would refuse; the token is never echoed', async () => {
    sim = await startSimServer({ state: baseState({ assets: [app('1', 1, { name: 'One' })] }) });
    const revoked = makeSimToken();
    sim.model.revokeToken(revoked);
    const expired = makeSimToken({ expDate: new Date(Date.now() - 1000) });
    for (const cookie of [undefined, 'session=abc', 'itvt=', 'itvt=not a token', `itvt=${revoked}`, `itvt=${expired}`]) {
      const answer = await lookup(['1'], cookie);
      expect(answer.status, cookie).toBe(401);
      expect(JSON.stringify(answer.json)).not.toContain('One');
      for (const secret of [revoked, expired]) expect(JSON.stringify(answer.json)).not.toContain(secret);
    }
    expect((await lookup(['1'], `itvt="${makeSimToken()}"`)).json.results['1'].name).toBe('One');
  });

  test('with several locations the cookie picks the location; a token made for none is refused', async () => {
    sim = await startSimServer({
      locations: [
        baseState({ uId: '1', locationName: 'North', assets: [app('1', 1, { name: 'North App' })] }),
        baseState({ uId: '2', locationName: 'South', assets: [app('1', 1, { name: 'South App' })] }),
      ],
    });
    expect((await lookup(['1'], `itvt=${sim.locations[1]!.token}`)).json.results['1'].name).toBe('South App');
    expect((await lookup(['1'], `itvt=${sim.locations[0]!.token}`)).json.results['1'].name).toBe('North App');
    expect((await lookup(['1'], `itvt=${makeSimToken({ orgName: 'North' })}`)).status).toBe(401);
    const logged = sim.log.entries.filter((e) => e.path === '/WebObjects/MZStorePlatform.woa/wa/lookup');
    expect(logged.map((e) => e.uId)).toEqual(['2', '1', undefined]);
  });

  test('faults: slow, failing (500) and empty; the API itself is untouched', async () => {
    sim = await startSimServer({ state: baseState({ assets: [app('1', 1, { name: 'One' })] }) });
    const cookie = `itvt=${makeSimToken()}`;
    sim.use(slowLookup({ ms: 300, limit: 1 }));
    const slow = await lookup(['1'], cookie);
    expect([slow.status, slow.json.results['1'].name]).toEqual([200, 'One']);
    expect(slow.ms).toBeGreaterThanOrEqual(290);
    sim.use(failingLookup({ limit: 1 }));
    expect((await lookup(['1'], cookie)).status).toBe(500);
    sim.use(emptyLookup());
    expect((await lookup(['1'], cookie)).json).toEqual({ results: {}, version: 2 });
    const assets = await fetch(`${sim.url}/assets`, { headers: { authorization: `Bearer ${makeSimToken()}` } });
    expect(assets.status).toBe(200);
    sim.resetHandlers();
    expect((await lookup(['1'], cookie)).json.results['1'].name).toBe('One');
  });
});
