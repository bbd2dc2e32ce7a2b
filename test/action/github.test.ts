import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGitHub, GitHubApiError, listingCommentsOnce, stickyMarker, upsertStickyComment } from '../../src/action/index.js';
import { fakeGitHub } from './fake-github.js';

const TOKEN = 'ghs_secretGithubToken42';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('GitHub REST', () => {
  it('sends the token, media type and API version; follows Link pagination', async () => {
    const fake = fakeGitHub('acme/licenses', { perPage: 10 });
    server.use(...fake.handlers);
    fake.addNoise(7, 25);
    const gh = createGitHub({ token: TOKEN, repository: 'acme/licenses' });
    const comments = await gh.listIssueComments(7);
    expect(comments.map((c) => c.id)).toEqual(fake.comments.map((c) => c.id));
    expect(fake.calls).toHaveLength(3);
    for (const call of fake.calls) {
      expect(call).toMatchObject({
        method: 'GET',
        path: '/repos/acme/licenses/issues/7/comments',
        authorization: `Bearer ${TOKEN}`,
        accept: 'application/vnd.github+json',
        apiVersion: '2022-11-28',
      });
    }
  });

  it('uses GITHUB_API_URL for GitHub Enterprise Server', async () => {
    const fake = fakeGitHub('acme/licenses', { apiUrl: 'https://ghe.example.com/api/v3' });
    server.use(...fake.handlers);
    const gh = createGitHub({ apiUrl: 'https://ghe.example.com/api/v3/', token: TOKEN, repository: 'acme/licenses' });
    await gh.createIssueComment(3, 'hello');
    expect(fake.comments).toEqual([{ id: 1000, issue: 3, body: 'hello' }]);
  });

  it('reports a refusal with the call, status, GitHub message and a permissions hint, never the token', async () => {
    server.use(
      http.post('https://api.github.com/repos/acme/licenses/issues/3/comments', () =>
        HttpResponse.json({ message: 'Resource not accessible by integration' }, { status: 403 }),
      ),
    );
    const gh = createGitHub({ token: TOKEN, repository: 'acme/licenses' });
    const err = await gh.createIssueComment(3, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitHubApiError);
    const message = (err as Error).message;
    expect(message).toContain('POST /repos/acme/licenses/issues/3/comments failed with HTTP 403: Resource not accessible by integration');
    expect(message).toContain('pull-requests: write');
    expect(message).not.toContain(TOKEN);
  });
});

describe('sticky comment', () => {
  it('creates once, then finds its marker past the first page and edits in place', async () => {
    const fake = fakeGitHub('acme/licenses', { perPage: 10 });
    server.use(...fake.handlers);
    const gh = createGitHub({ token: TOKEN, repository: 'acme/licenses' });
    fake.addNoise(9, 12);
    const marker = stickyMarker('plan', 'vpp/north');
    const first = await upsertStickyComment(gh, 9, marker, 'plan v1');
    expect(first.created).toBe(true);
    fake.addNoise(9, 15);
    // Another path's comment with a marker that merely starts the same way is not ours.
    await upsertStickyComment(gh, 9, stickyMarker('plan', 'vpp/north-2'), 'other path');
    const second = await upsertStickyComment(gh, 9, marker, 'plan v2');
    expect(second).toEqual({ id: first.id, created: false });
    const ours = fake.comments.filter((c) => c.body.startsWith(marker));
    expect(ours).toEqual([{ id: first.id, issue: 9, body: `${marker}\nplan v2` }]);
    expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(2);
    expect(fake.calls.filter((c) => c.method === 'PATCH').map((c) => c.path)).toEqual([`/repos/acme/licenses/issues/comments/${first.id}`]);
  });

  it('keeps the marker a well-formed hidden HTML comment whatever the path', () => {
    expect(stickyMarker('plan', 'vpp')).toBe('<!-- vppctl:plan path=vpp -->');
    expect(stickyMarker('apply', 'odd-->name')).toBe('<!-- vppctl:apply path=odd-name -->');
  });
});

describe('GitHub REST retries', () => {
  const COMMENTS = 'https://api.github.com/repos/acme/licenses/issues/7/comments';
  /** A client whose waits are recorded instead of slept, on a clock that says 1,000,000 ms. */
  function recordingGitHub(retry: { retries?: number; maxWaitMs?: number } = {}) {
    const waits: number[] = [];
    const gh = createGitHub({
      token: TOKEN,
      repository: 'acme/licenses',
      retry: { baseDelayMs: 1000, random: () => 0.5, now: () => 1_000_000, sleep: async (ms) => void waits.push(ms), ...retry },
    });
    return { gh, waits };
  }
  /** Answers from `answers` in turn (the last one repeats), counting the calls. */
  function answering(method: 'get' | 'post', url: string, answers: (() => Response)[]) {
    const seen = { calls: 0 };
    server.use(http[method](url, () => answers[Math.min(seen.calls++, answers.length - 1)]!()));
    return seen;
  }
  const ok = () => HttpResponse.json([{ id: 1, body: 'hi' }]);
  const status = (code: number, message = 'oops', headers: Record<string, string> = {}) => () => HttpResponse.json({ message }, { status: code, headers });

  it('retries 5xx answers with exponential backoff, then succeeds', async () => {
    const seen = answering('get', COMMENTS, [status(502), status(500), status(504), ok]);
    const { gh, waits } = recordingGitHub();
    expect(await gh.listIssueComments(7)).toEqual([{ id: 1, body: 'hi' }]);
    expect(seen.calls).toBe(4);
    // Half to all of 1 s, 2 s, 4 s: with random() = 0.5, three quarters of each.
    expect(waits).toEqual([750, 1500, 3000]);
  });

  it('retries a connection that gave no answer', async () => {
    const seen = answering('get', COMMENTS, [() => HttpResponse.error(), ok]);
    const { gh, waits } = recordingGitHub();
    expect(await gh.listIssueComments(7)).toHaveLength(1);
    expect(seen.calls).toBe(2);
    expect(waits).toEqual([750]);
  });

  it('waits as long as Retry-After says on a 429 and on a secondary rate limit', async () => {
    answering('get', COMMENTS, [status(429, 'slow down', { 'retry-after': '7' }), status(403, 'You have exceeded a secondary rate limit.', { 'retry-after': '3' }), ok]);
    const { gh, waits } = recordingGitHub();
    expect(await gh.listIssueComments(7)).toHaveLength(1);
    expect(waits).toEqual([7000, 3000]);
  });

  it('waits a minute on a secondary rate limit without Retry-After, and until x-ratelimit-reset when the limit is spent', async () => {
    answering('get', COMMENTS, [
      status(403, 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'),
      status(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1030' }),
      ok,
    ]);
    const { gh, waits } = recordingGitHub();
    expect(await gh.listIssueComments(7)).toHaveLength(1);
    // Reset at 1,030 s on a clock at 1,000 s: 30 s, and a second more for the clocks to agree.
    expect(waits).toEqual([60_000, 31_000]);
  });

  it('fails at once, saying when, if GitHub asks for a longer wait than the policy allows', async () => {
    const seen = answering('get', COMMENTS, [status(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '4600' })]);
    const { gh, waits } = recordingGitHub();
    const err = (await gh.listIssueComments(7).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(GitHubApiError);
    expect(err.message).toContain('GitHub asks to wait 3601 s, longer than vppctl waits: run the job again later');
    expect(err.message).not.toContain('pull-requests: write');
    expect(seen.calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('gives up after the last retry, and never retries a refusal that will not change (404)', async () => {
    const failing = answering('get', COMMENTS, [status(503)]);
    const { gh, waits } = recordingGitHub({ retries: 2 });
    await expect(gh.listIssueComments(7)).rejects.toThrow('GET /repos/acme/licenses/issues/7/comments failed with HTTP 503: oops (3 attempts).');
    expect(failing.calls).toBe(3);
    expect(waits).toHaveLength(2);
    server.resetHandlers();
    const missing = answering('get', COMMENTS, [status(404, 'Not Found')]);
    await expect(gh.listIssueComments(7)).rejects.toThrow(/HTTP 404: Not Found\./);
    expect(missing.calls).toBe(1);
  });

  it('sends a comment again only when GitHub refused it, never when it may have been posted', async () => {
    const created = () => HttpResponse.json({ id: 5, body: 'x' }, { status: 201 });
    const refused = answering('post', COMMENTS, [status(503), status(429, 'slow down', { 'retry-after': '1' }), created]);
    const { gh } = recordingGitHub();
    expect((await gh.createIssueComment(7, 'x')).id).toBe(5);
    expect(refused.calls).toBe(3);
    for (const maybePosted of [status(500), status(502), status(504), () => HttpResponse.error()]) {
      server.resetHandlers();
      const once = answering('post', COMMENTS, [maybePosted, created]);
      await expect(gh.createIssueComment(7, 'x')).rejects.toBeInstanceOf(GitHubApiError);
      expect(once.calls).toBe(1);
    }
  });
});

describe('comments listed once per run', () => {
  it('finds every path\'s comment from one listing, kept current with what the run posts and edits', async () => {
    const fake = fakeGitHub('acme/licenses', { perPage: 10 });
    server.use(...fake.handlers);
    fake.addNoise(9, 25);
    const gh = listingCommentsOnce(createGitHub({ token: TOKEN, repository: 'acme/licenses' }));
    const paths = ['vpp/north', 'vpp/south', 'vpp/east'];
    for (const path of paths) await upsertStickyComment(gh, 9, stickyMarker('plan', path), `plan of ${path}`);
    // A second pass (an apply after the plan, say) edits the same comments, listing nothing again.
    for (const path of paths) expect((await upsertStickyComment(gh, 9, stickyMarker('plan', path), `plan 2 of ${path}`)).created).toBe(false);
    const lists = fake.calls.filter((c) => c.method === 'GET');
    expect(lists).toHaveLength(3); // the 25 comments of others, 10 a page: one listing
    expect(fake.calls.filter((c) => c.method === 'POST')).toHaveLength(3);
    expect(fake.calls.filter((c) => c.method === 'PATCH')).toHaveLength(3);
    expect(fake.comments.filter((c) => c.body.startsWith('<!-- vppctl:plan')).map((c) => c.body.split('\n')[1])).toEqual(paths.map((p) => `plan 2 of ${p}`));
  });
});
