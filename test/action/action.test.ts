/**
 * The action end to end, in-process as the runner runs it: against the simulator over HTTP for
 * Apple, and msw for GitHub's REST API.
 */
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSimState, makeSimToken, startSimServer, type SimServer } from '../../src/sim/index.js';
import { fakeGitHub, type FakeGitHub } from './fake-github.js';
import { pullRequestPayload, REPOSITORY, runAction, type ActionRun, type ActionSetup } from './run-action.js';

const SCHOOL = 'test/action/fixtures/school';
const SCHOOL_FILE = `${SCHOOL}/school.yaml`;
const INVALID = 'test/action/fixtures/invalid';
const TOKEN = makeSimToken({ orgName: 'Test School District' });
const PLAN_MARKER = `<!-- vppctl:plan path=${SCHOOL} -->`;
const MERGE_SHA = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

const github = setupServer();
let sim: SimServer;
let gh: FakeGitHub;

beforeAll(() =>
  github.listen({
    // The simulator on loopback is real HTTP; anything else unmocked is a bug in the test or the action.
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  }),
);
afterAll(() => github.close());

beforeEach(async () => {
  sim = await startSimServer({ state: await loadSimState('test/action/fixtures/school-sim.json') });
  gh = fakeGitHub(REPOSITORY);
  github.use(...gh.handlers);
});

afterEach(async () => {
  github.resetHandlers();
  await sim.close();
});

function run(setup: ActionSetup, withToken = true): Promise<ActionRun> {
  return runAction({
    ...setup,
    inputs: { path: SCHOOL, 'poll-interval': '0.01', ...setup.inputs },
    env: { VPP_BASE_URL: sim.url, ...(withToken ? { VPP_TOKEN_TEST: TOKEN } : {}), ...setup.env },
  });
}

/** Every place the action writes, apart from the one line that hands the token to the runner's masker. */
function expectNoToken(r: ActionRun, token = TOKEN): void {
  const maskLines = r.stdout.split('\n').filter((l) => l.includes(token));
  expect(maskLines.every((l) => l === `::add-mask::${token}`)).toBe(true);
  for (const text of [r.summary, r.outputsRaw, ...gh.comments.map((c) => c.body)]) expect(text).not.toContain(token);
  if (r.outputs['plan-file']) expect(readFileSync(r.outputs['plan-file'], 'utf8')).not.toContain(token);
}

describe('pull request', () => {
  it('plans, posts one sticky comment, and edits the same comment on the next push', async () => {
    const first = await run({ event: 'pull_request', payload: pullRequestPayload(7) });
    expect(first.exitCode).toBe(0);
    // Masks come before any other line.
    const lines = first.stdout.split('\n');
    expect(lines.slice(0, lines.findIndex((l) => !l.startsWith('::add-mask::')))).toContain(`::add-mask::${TOKEN}`);
    expect(first.stdout).toContain(`::group::Plan ${SCHOOL}`);
    expect(first.outputs).toMatchObject({
      command: 'plan',
      'has-changes': 'true',
      associate: '2',
      disassociate: '0',
      revoke: '0',
      'user-changes': '1',
    });
    expect(Number(first.outputs.requests)).toBeGreaterThanOrEqual(2);
    const plan = JSON.parse(readFileSync(first.outputs['plan-file'], 'utf8'));
    expect(plan.formatVersion).toBe(1);
    expect(plan.locations.map((l: { name: string; source: string }) => [l.name, l.source])).toEqual([['Test School', SCHOOL_FILE]]);
    expect(first.outputs['plan-file'].startsWith(first.env.RUNNER_TEMP!)).toBe(true);
    expect(first.summary).toContain('vppctl plan');
    expect(first.summary).toContain('Test School');

    expect(gh.comments).toHaveLength(1);
    const comment = gh.comments[0];
    expect(comment.issue).toBe(7);
    expect(comment.body.split('\n')[0]).toBe(PLAN_MARKER);
    expect(comment.body).toContain('Test School');
    expect(comment.body).toContain('/acme/licenses/actions/runs/4242');
    expectNoToken(first);

    // A reviewer comments, then the author pushes again.
    gh.addNoise(7, 3);
    const second = await run({ event: 'pull_request', payload: pullRequestPayload(7), sha: 'bbbbbbbb00000000000000000000000000000000' });
    expect(second.exitCode).toBe(0);
    const ours = gh.comments.filter((c) => c.body.startsWith(PLAN_MARKER));
    expect(ours).toHaveLength(1);
    expect(ours[0].id).toBe(comment.id);
    expect(ours[0].body).toContain('bbbbbbb');
    expect(gh.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(gh.calls.filter((c) => c.method === 'PATCH').map((c) => c.path)).toEqual([`/repos/${REPOSITORY}/issues/comments/${comment.id}`]);
    expect(gh.calls.every((c) => c.authorization === 'Bearer ghs_fakeGithubToken0123456789')).toBe(true);
    // A plan changes nothing at Apple.
    expect(sim.log.writes()).toEqual([]);
    expectNoToken(second);
  });

  it('opens the comment with a deletion warning when the plan removes anything, and annotates plan warnings', async () => {
    sim.model.associate({ assets: [{ adamId: '361309726', pricingParam: 'STDQ' }], serialNumbers: ['DMPX9999ZZZZ'] });
    const soon = makeSimToken({ orgName: 'Test School District', expDate: new Date(Date.now() + 20 * 86_400_000 + 3_600_000) });
    const r = await run({ event: 'pull_request', payload: pullRequestPayload(8), env: { VPP_TOKEN_TEST: soon } });
    expect(r.exitCode).toBe(0);
    const body = gh.comments[0]!.body;
    const opening = body.split('\n').findIndex((l) => l.startsWith('## '));
    expect(body.split('\n').slice(opening + 1, opening + 4)).toEqual(['', '> [!WARNING]', '> **This plan removes or revokes licenses:** 1 assignment removed.']);
    expect(r.stdout).toMatch(/^::warning::Test School: the content token for Test School District expires on \d{4}-\d\d-\d\d \(in 21 days\)/m);
    for (const text of [body, r.summary]) expect(text).toMatch(/the content token for Test School District expires on \d{4}-\d\d-\d\d \(in 21 days\)/);
    expectNoToken(r, soon);
  });

  it('annotates an invalid file on the exact line and column, comments why, and fails', async () => {
    const r = await run({ event: 'pull_request', payload: pullRequestPayload(8), inputs: { path: INVALID } });
    expect(r.exitCode).toBe(1);
    const annotation = r.stdout.split('\n').find((l) => l.startsWith('::error file='));
    expect(annotation).toMatch(new RegExp(`^::error file=${INVALID}/broken\\.yaml,line=7,col=5::`));
    expect(annotation).toContain('devcies');
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0].body.split('\n')[0]).toBe(`<!-- vppctl:plan path=${INVALID} -->`);
    expect(gh.comments[0].body).toContain('invalid');
    expect(gh.comments[0].body).toContain(`${INVALID}/broken.yaml:7:5`);
    expect(r.summary).toContain('invalid');
    expect(sim.log.entries).toEqual([]);
  });

  it('fails the check when the plan has errors, with the errors in the comment', async () => {
    // Too few licenses for the plan to fit.
    const state = await loadSimState('test/action/fixtures/school-sim.json');
    state.assets[0].totalCount = 1;
    await sim.close();
    sim = await startSimServer({ state });
    const r = await run({ event: 'pull_request', payload: pullRequestPayload(9) });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^::error( file=[^:]+)?::Test School: /m);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0].body).toContain('❌');
    expectNoToken(r);
  });

  it('from a fork: no secrets, so it validates only and says so plainly', async () => {
    const r = await run({ event: 'pull_request', payload: pullRequestPayload(10, 'mallory/licenses') }, false);
    expect(r.exitCode).toBe(0);
    expect(r.outputs.command).toBe('validate');
    expect(r.stdout).toMatch(/^::notice::This pull request comes from a fork \(mallory\/licenses\)/m);
    expect(r.summary).toContain('validated only');
    expect(r.summary).toContain('fork');
    expect(r.stdout).not.toContain('::error');
    expect(gh.calls).toEqual([]);
    expect(sim.log.entries).toEqual([]);
  });

  it('in our own repository without the secret: validates, and names the variable to set', async () => {
    const r = await run({ event: 'pull_request', payload: pullRequestPayload(11) }, false);
    expect(r.exitCode).toBe(0);
    expect(r.outputs.command).toBe('validate');
    expect(r.stdout).toMatch(/^::warning::No token in VPP_TOKEN_TEST \(Test School, test\/action\/fixtures\/school\/school\.yaml\)/m);
    expect(r.summary).toContain('secrets.NAME');
    expect(sim.log.entries).toEqual([]);
  });

  it('reports a comment GitHub refuses clearly, without the tokens, and fails', async () => {
    github.use(
      http.post(`https://api.github.com/repos/${REPOSITORY}/issues/:n/comments`, () =>
        HttpResponse.json({ message: 'Resource not accessible by integration' }, { status: 403 }),
      ),
    );
    const r = await run({ event: 'pull_request', payload: pullRequestPayload(12) });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^::error::Could not comment on #12: GitHub API POST .* HTTP 403: Resource not accessible by integration\..*pull-requests: write/m);
    expectNoToken(r, 'ghs_fakeGithubToken0123456789');
    expectNoToken(r);
  });
});

describe('push to main', () => {
  it('applies with --yes, comments the outcome on the merged pull request, and writes the summary', async () => {
    gh.pullsByCommit[MERGE_SHA] = [
      { number: 3, merged_at: null, merge_commit_sha: null },
      { number: 21, merged_at: '2026-11-21T22:00:00Z', merge_commit_sha: MERGE_SHA },
    ];
    const r = await run({ event: 'push', payload: { ref: 'refs/heads/main', after: MERGE_SHA }, sha: MERGE_SHA });
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ command: 'apply', 'has-changes': 'true', associate: '2' });
    expect(sim.model.holders('361309726', 'STDQ')).toEqual({ users: ['s-1001', 's-1002'], devices: ['DMPX0000AAAA'] });
    expect(gh.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `GET /repos/${REPOSITORY}/commits/${MERGE_SHA}/pulls`,
      `GET /repos/${REPOSITORY}/issues/21/comments`,
      `POST /repos/${REPOSITORY}/issues/21/comments`,
    ]);
    expect(gh.comments[0].body.split('\n')[0]).toBe(`<!-- vppctl:apply path=${SCHOOL} -->`);
    expect(gh.comments[0].body).toContain('✅ Applied');
    expect(r.summary).toContain('vppctl apply');
    expect(r.summary).toContain('✅ Applied');
    expectNoToken(r);

    // The next scheduled drift check finds the location converged.
    const schedule = await run({ event: 'schedule', inputs: { 'fail-on-drift': 'true' } });
    expect(schedule.exitCode).toBe(0);
    expect(schedule.outputs['has-changes']).toBe('false');
    expect(schedule.summary).toContain('No drift');
  });

  it("annotates the plan's warnings on an apply that succeeds too (a token about to expire)", async () => {
    const soon = makeSimToken({ orgName: 'Test School District', expDate: new Date(Date.now() + 20 * 86_400_000 + 3_600_000) });
    const r = await run({ event: 'push', payload: { ref: 'refs/heads/main', after: MERGE_SHA }, sha: MERGE_SHA, env: { VPP_TOKEN_TEST: soon } });
    expect(r.exitCode).toBe(0);
    expect(r.outputs).toMatchObject({ command: 'apply', 'has-changes': 'true' });
    expect(r.stdout).toMatch(/^::warning::Test School: the content token for Test School District expires on \d{4}-\d\d-\d\d \(in 21 days\)/m);
    expect(r.stdout).not.toMatch(/^::error/m);
    expectNoToken(r, soon);
  });

  it('fails clearly, naming the variable, when the token secret is not mapped', async () => {
    const r = await run({ event: 'push', payload: { ref: 'refs/heads/main' } }, false);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^::error::Cannot apply: no token in VPP_TOKEN_TEST \(Test School, /m);
    expect(sim.log.entries).toEqual([]);
    expect(gh.calls).toEqual([]);
  });
});

describe('schedule', () => {
  it('with fail-on-drift, a drifted location fails the run and the summary says what drifted', async () => {
    const r = await run({ event: 'schedule', inputs: { 'fail-on-drift': 'true' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^::error::Drift: Test School \(test\/action\/fixtures\/school\/school\.yaml\) no longer matches the desired state\.$/m);
    expect(r.summary).toContain('1 location has drifted');
    expect(r.summary).toMatch(/Test School.*2 to associate/);
    expect(r.outputs['has-changes']).toBe('true');
    expect(gh.calls).toEqual([]);
    expect(sim.log.writes()).toEqual([]);
    expectNoToken(r);
  });

  it('without fail-on-drift, drift is a warning and the run passes', async () => {
    const r = await run({ event: 'workflow_dispatch' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^::warning::Drift: Test School/m);
    expect(r.summary).toContain('drifted');
  });
});
