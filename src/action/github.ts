/**
 * The handful of GitHub REST calls the action makes, over the global `fetch` (so tests can mock
 * them with msw). Errors name the call and GitHub's message, never the token.
 *
 * Retries, as GitHub asks integrators to: a 429, or a 403 that is a rate limit (secondary limits
 * say so in the message; primary ones with x-ratelimit-remaining: 0), waits for Retry-After, else
 * for x-ratelimit-reset, else a minute; 5xx answers and dropped connections back off
 * exponentially. A wait longer than the policy allows fails at once, saying when to try again.
 * Creating a comment is the one call that is not idempotent: it is retried only when GitHub
 * refused it (rate limits, 503), never after a 500, 502 or 504 or a dropped connection, which may
 * have posted it; a second copy would sit there stale forever, while a failed comment fails the
 * step and the next push posts it. Written here rather than taken from @octokit/plugin-retry and
 * plugin-throttling: four calls need a page of code, and the action is one committed bundle.
 */
import { setTimeout as sleepMs } from 'node:timers/promises';
import { describeError } from '../shared/describe-error.js';

export interface IssueComment {
  id: number;
  body?: string;
}

export interface PullRequestRef {
  number: number;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
}

export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    readonly call: string,
    readonly detail: string,
  ) {
    const hint =
      (status === 403 && !/rate limit/i.test(detail)) || status === 404
        ? ' Give the workflow `permissions: pull-requests: write` (and contents: read), and check that github-token is set.'
        : '';
    super(`GitHub API ${call} failed with HTTP ${status}${detail ? `: ${detail}` : ''}.${hint}`);
  }
}

export interface GitHub {
  listIssueComments(issue: number): Promise<IssueComment[]>;
  createIssueComment(issue: number, body: string): Promise<IssueComment>;
  updateIssueComment(id: number, body: string): Promise<IssueComment>;
  pullsForCommit(sha: string): Promise<PullRequestRef[]>;
}

export interface GitHubRetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff after a 5xx or a dropped connection; doubled each time, with jitter. */
  baseDelayMs: number;
  /** Longest wait the action accepts, for a backoff, a Retry-After or a rate-limit reset. */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<unknown>;
  now: () => number;
  random: () => number;
}

const DEFAULT_RETRY: GitHubRetryPolicy = {
  retries: 3,
  baseDelayMs: 1000,
  maxWaitMs: 120_000,
  sleep: sleepMs,
  now: Date.now,
  random: Math.random,
};

/** GitHub's advice for a secondary rate limit without Retry-After: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;

/** Why an answer may be tried again, and how long to wait first; undefined when it may not. */
function retryWait(res: Response, message: string, method: string, attempt: number, policy: GitHubRetryPolicy): { ms: number; why: string } | undefined {
  const retryAfter = Number(res.headers.get('retry-after'));
  const remaining = res.headers.get('x-ratelimit-remaining');
  const reset = Number(res.headers.get('x-ratelimit-reset'));
  const rateLimited = res.status === 429 || (res.status === 403 && (/rate limit/i.test(message) || remaining === '0' || res.headers.has('retry-after')));
  if (rateLimited) {
    if (Number.isFinite(retryAfter) && retryAfter >= 0 && res.headers.has('retry-after')) return { ms: retryAfter * 1000, why: 'rate limited (Retry-After)' };
    if (remaining === '0' && Number.isFinite(reset) && reset > 0) return { ms: Math.max(0, reset * 1000 - policy.now()) + 1000, why: 'rate limit exhausted until x-ratelimit-reset' };
    return { ms: SECONDARY_LIMIT_WAIT_MS, why: 'secondary rate limit' };
  }
  const mayHaveLanded = method === 'POST' && res.status !== 503;
  if (res.status >= 500 && !mayHaveLanded) return { ms: backoff(attempt, policy), why: `HTTP ${res.status}` };
  return undefined;
}

function backoff(attempt: number, policy: GitHubRetryPolicy): number {
  const ms = policy.baseDelayMs * 2 ** attempt;
  return Math.round(ms / 2 + (policy.random() * ms) / 2);
}

/** More than any real pull request has (100 comments a page); bounds a Link loop gone wrong. */
const MAX_PAGES = 200;

function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

export function createGitHub(opts: { apiUrl?: string; token: string; repository: string; retry?: Partial<GitHubRetryPolicy> }): GitHub {
  const base = (opts.apiUrl || 'https://api.github.com').replace(/\/+$/, '');
  const repo = `/repos/${opts.repository}`;
  const policy: GitHubRetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };

  async function call(method: string, url: string, body?: unknown): Promise<Response> {
    const path = url.startsWith(base) ? url.slice(base.length) : url;
    const name = `${method} ${path.split('?')[0]}`;
    for (let attempt = 0; ; attempt++) {
      const outcome = await attemptCall(method, url, name, body, attempt);
      if (outcome instanceof Response) return outcome;
      const { error, wait } = outcome;
      if (!wait) throw error;
      if (attempt >= policy.retries) throw new GitHubApiError(error.status, name, `${error.detail} (${attempt + 1} attempts)`);
      if (wait.ms > policy.maxWaitMs) {
        throw new GitHubApiError(error.status, name, `${error.detail} (${wait.why}; GitHub asks to wait ${Math.ceil(wait.ms / 1000)} s, longer than vppctl waits: run the job again later)`);
      }
      await policy.sleep(wait.ms);
    }
  }

  /** One attempt: the answer, or the error with how long to wait before the next (if one may follow). */
  async function attemptCall(method: string, url: string, name: string, body: unknown, attempt: number): Promise<Response | { error: GitHubApiError; wait?: { ms: number; why: string } }> {
    let res: Response;
    try {
      res = await fetch(url.startsWith('http') ? url : `${base}${url}`, {
        method,
        headers: {
          Authorization: `Bearer ${opts.token}`,
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': 'vppctl-action',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      // No answer: a GET or PATCH is safe to send again; a POST may have posted its comment.
      const error = new GitHubApiError(0, name, describeError(err));
      return method === 'POST' ? { error } : { error, wait: { ms: backoff(attempt, policy), why: 'no answer' } };
    }
    if (res.ok) return res;
    const text = await res.text().catch(() => '');
    let detail = text.slice(0, 300);
    try {
      detail = (JSON.parse(text) as { message?: string }).message ?? detail;
    } catch {
      // not JSON: keep the text
    }
    return { error: new GitHubApiError(res.status, name, detail), wait: retryWait(res, detail, method, attempt, policy) };
  }

  return {
    async listIssueComments(issue) {
      const comments: IssueComment[] = [];
      let url: string | undefined = `${repo}/issues/${issue}/comments?per_page=100`;
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const res = await call('GET', url);
        comments.push(...((await res.json()) as IssueComment[]));
        url = nextLink(res.headers.get('link'));
      }
      return comments;
    },
    async createIssueComment(issue, body) {
      return (await (await call('POST', `${repo}/issues/${issue}/comments`, { body })).json()) as IssueComment;
    },
    async updateIssueComment(id, body) {
      return (await (await call('PATCH', `${repo}/issues/comments/${id}`, { body })).json()) as IssueComment;
    },
    async pullsForCommit(sha) {
      return (await (await call('GET', `${repo}/commits/${sha}/pulls`)).json()) as PullRequestRef[];
    },
  };
}
