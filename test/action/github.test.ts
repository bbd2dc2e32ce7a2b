import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGitHub, GitHubApiError, stickyMarker, upsertStickyComment } from '../../src/action/index.js';
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
