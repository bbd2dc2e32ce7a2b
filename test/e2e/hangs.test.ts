/**
 * A server that accepts connections and never answers (issue 16, item 5) must not hold `plan` in
 * silence: each attempt is bounded, a request that never answers is sent at most twice, and the
 * CLI says what it is waiting for while it waits.
 */
import { describe, expect, it } from 'vitest';
import { neverAnswers } from '../../src/sim/index.js';
import { CENTRAL_YAML, centralState, simRigs } from './sim-rig.js';

const rig = simRigs();

describe('a server that never answers', () => {
  it('plan gives up within a few attempt timeouts, saying what it waited for', async () => {
    const r = await rig(await centralState());
    r.sim.use(neverAnswers());
    const started = Date.now();
    const plan = await r.run(['plan', CENTRAL_YAML], { VPP_REQUEST_TIMEOUT: '2' });
    const seconds = (Date.now() - started) / 1000;
    expect(plan.code).toBe(1);
    // Two attempts of 2 s and a short backoff, plus start-up: not six attempts of 60 s (372 s).
    expect(seconds).toBeLessThan(20);
    expect(plan.stderr).toMatch(/Central School: waiting for an answer to GET \/\S+: none after 1 s/);
    expect(plan.stderr).toMatch(/no answer within 2 s \(http:\/\/127\.0\.0\.1:\d+ accepted the connection but did not answer\)/);
    expect(plan.stderr).toMatch(/gave up after 2 attempts, 2 of them without any answer/);
    // Each request was sent at most twice.
    const counts = new Map<string, number>();
    for (const e of r.sim.log.entries) counts.set(`${e.method} ${e.path} ${JSON.stringify(e.query)}`, (counts.get(`${e.method} ${e.path} ${JSON.stringify(e.query)}`) ?? 0) + 1);
    expect(counts.size).toBeGreaterThan(0);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
  });

  it('one page that never answers ends the read with a sentence naming it', async () => {
    const r = await rig(await centralState());
    r.sim.use(neverAnswers({ paths: ['/assignments'] }));
    const plan = await r.run(['plan', CENTRAL_YAML], { VPP_REQUEST_TIMEOUT: '2' });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/waiting for an answer to GET \/assignments\?includeUserState=true&pageIndex=0/);
    expect(plan.stderr).toMatch(/error: Central School \(examples\/central-school\.yaml\): GET \/assignments: gave up after 2 attempts/);
  });
});
