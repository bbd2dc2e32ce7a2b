/**
 * The content metadata lookup over real HTTP against the simulator's store: ids in batches, the
 * country and the cookie as Zentral sends them, and every way it can go wrong giving names that
 * arrived plus one sentence, never an exception and never the token.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LOOKUP_BATCH } from '../../src/api/content-lookup.js';
import { emptyLookup, failingLookup, slowLookup } from '../../src/sim/faults.js';
import { LOOKUP_PATH } from '../../src/sim/lookup.js';
import type { SimState } from '../../src/sim/state.js';
import { simState, startSim, type Sim } from './sim-fixture.js';

let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** 250 apps, each named "App <n>", and one with a hostile name. */
function namedState(hostile = 'Evil\nApp\u202e\u0007 \u001b[31mred'): SimState {
  const base = simState({ assigned: 0 });
  const apps = Array.from({ length: 250 }, (_, i) => ({
    adamId: String(500000000 + i),
    pricingParam: 'STDQ' as const,
    productType: 'App' as const,
    totalCount: 10,
    deviceAssignable: true,
    revocable: true,
    name: i === 0 ? hostile : `App ${i}`,
  }));
  return { ...base, countryISO2ACode: 'GB', assets: [...apps, { ...base.assets[3]!, name: 'A Book' }], assignments: {} };
}

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => String(500000000 + i));
const lookups = (s: Sim) => s.server.log.entries.filter((e) => e.path === LOOKUP_PATH);

describe('lookupContent', () => {
  it(`asks ${LOOKUP_BATCH} ids a request with Zentral's query and the location's country, and names them all`, async () => {
    sim = await startSim(namedState());
    const answer = await sim.client().lookupContent([...ids(250), '200000001', '999999999'], 'GB');
    expect(answer.problem).toBeUndefined();
    expect(answer.items.size).toBe(251);
    expect(answer.items.get('500000007')).toEqual({ name: 'App 7', kind: 'software' });
    expect(answer.items.get('200000001')).toEqual({ name: 'A Book', kind: 'ebook' });
    expect(answer.items.has('999999999')).toBe(false);
    const sent = lookups(sim);
    expect(sent.map((e) => e.query.id!.split(',').length).sort((a, b) => b - a)).toEqual([100, 100, 52]);
    expect(sent[0]!.query).toMatchObject({ version: '2', p: 'mdm-lockup', caller: 'MDM', platform: 'enterprisestore', cc: 'gb', l: 'en' });
    expect(sent.every((e) => e.uId === '2049025000431439')).toBe(true);
  });

  it('makes untrusted names visible: no line break, control or bidirectional character comes through raw', async () => {
    sim = await startSim(namedState());
    const name = (await sim.client().lookupContent(ids(1), 'US')).items.get('500000000')!.name;
    expect(name).toBe('Evil\\nApp\\u202e\\u0007 \\u001b[31mred');
    expect(name).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
  });

  it('a refusal, an empty answer or no address: no names and one sentence why, never the token', async () => {
    sim = await startSim(namedState());
    sim.server.use(failingLookup({ limit: 1 }));
    const failed = await sim.client().lookupContent(ids(3), 'US');
    expect(failed).toEqual({ items: new Map(), problem: 'the store lookup answered HTTP 500' });
    sim.server.use(emptyLookup({ limit: 1 }));
    const empty = await sim.client().lookupContent(ids(3), 'US');
    expect(empty).toEqual({ items: new Map(), problem: 'the store named none of the 3 apps and books asked for' });
    for (const answer of [failed, empty]) expect(answer.problem).not.toContain(sim.token);
  });

  it('a slow store costs at most the deadline: what did not arrive in time is reported, not waited for', async () => {
    sim = await startSim(namedState());
    sim.server.use(slowLookup({ ms: 5_000 }));
    const answer = await sim.client({ lookupTimeoutMs: 200 }).lookupContent(ids(3), 'US');
    expect(answer).toEqual({ items: new Map(), problem: 'the store lookup did not answer within 0.2 s' });
  });

  it('a store address over plain http to another host is never sent the token', async () => {
    sim = await startSim(namedState());
    const { lookupContent } = await import('../../src/api/content-lookup.js');
    const answer = await lookupContent({ url: 'http://store.example.com/lookup', token: sim.token, countryCode: 'us', ids: ['1'], redact: (t) => t });
    expect(answer.problem).toBe('the lookup address http://store.example.com is not https://, and the token is not sent over it');
    expect((await lookupContent({ url: undefined, token: sim.token, countryCode: 'us', ids: ['1'], redact: (t) => t })).problem).toBe(
      'the service config gives no urls.contentMetadataLookup',
    );
  });
});
