/**
 * GitHub's REST API as msw handlers over an in-memory repository: issue comments (paginated the
 * way GitHub does, with a Link header) and the pulls of a commit. Records every call.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
}

export interface FakeGitHub {
  handlers: HttpHandler[];
  comments: StoredComment[];
  calls: { method: string; path: string; authorization: string | null; accept: string | null; apiVersion: string | null }[];
  /** Answers of GET /repos/{repo}/commits/{sha}/pulls. */
  pullsByCommit: Record<string, { number: number; merged_at: string | null; merge_commit_sha: string | null }[]>;
  /** Adds comments nobody from vppctl wrote, as other reviewers and bots do. */
  addNoise(issue: number, count: number): void;
}

export function fakeGitHub(repository: string, opts: { apiUrl?: string; perPage?: number } = {}): FakeGitHub {
  const api = opts.apiUrl ?? 'https://api.github.com';
  const perPage = opts.perPage ?? 30;
  let nextId = 1000;
  const fake: FakeGitHub = {
    comments: [],
    calls: [],
    pullsByCommit: {},
    addNoise(issue, count) {
      for (let i = 0; i < count; i++) fake.comments.push({ id: nextId++, issue, body: `LGTM ${i}` });
    },
    handlers: [],
  };
  const record = (request: Request): void => {
    fake.calls.push({
      method: request.method,
      path: new URL(request.url).pathname,
      authorization: request.headers.get('authorization'),
      accept: request.headers.get('accept'),
      apiVersion: request.headers.get('x-github-api-version'),
    });
  };
  const base = `${api}/repos/${repository}`;
  fake.handlers = [
    http.get(`${base}/issues/:issue/comments`, ({ request, params }) => {
      record(request);
      const url = new URL(request.url);
      // GitHub caps per_page at 100; the fake uses a smaller page to exercise pagination.
      const size = Math.min(Number(url.searchParams.get('per_page') ?? perPage), perPage);
      const page = Number(url.searchParams.get('page') ?? '1');
      const all = fake.comments.filter((c) => c.issue === Number(params.issue));
      const slice = all.slice((page - 1) * size, page * size);
      const headers = new Headers();
      if (page * size < all.length) {
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        headers.set('Link', `<${next.href}>; rel="next", <${next.href}>; rel="last"`);
      }
      return HttpResponse.json(slice, { headers });
    }),
    http.post(`${base}/issues/:issue/comments`, async ({ request, params }) => {
      record(request);
      const { body } = (await request.json()) as { body: string };
      const comment = { id: nextId++, issue: Number(params.issue), body };
      fake.comments.push(comment);
      return HttpResponse.json(comment, { status: 201 });
    }),
    http.patch(`${base}/issues/comments/:id`, async ({ request, params }) => {
      record(request);
      const comment = fake.comments.find((c) => c.id === Number(params.id));
      if (!comment) return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      comment.body = ((await request.json()) as { body: string }).body;
      return HttpResponse.json(comment);
    }),
    http.get(`${base}/commits/:sha/pulls`, ({ request, params }) => {
      record(request);
      return HttpResponse.json(fake.pullsByCommit[String(params.sha)] ?? []);
    }),
  ];
  return fake;
}
