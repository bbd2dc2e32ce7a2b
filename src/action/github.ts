/**
 * The handful of GitHub REST calls the action makes, over the global `fetch` (so tests can mock
 * them with msw). Errors name the call and GitHub's message, never the token.
 */
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
    detail: string,
  ) {
    const hint =
      status === 403 || status === 404
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

export function createGitHub(opts: { apiUrl?: string; token: string; repository: string }): GitHub {
  const base = (opts.apiUrl || 'https://api.github.com').replace(/\/+$/, '');
  const repo = `/repos/${opts.repository}`;

  async function call(method: string, url: string, body?: unknown): Promise<Response> {
    const path = url.startsWith(base) ? url.slice(base.length) : url;
    const name = `${method} ${path.split('?')[0]}`;
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
      throw new GitHubApiError(0, name, describeError(err));
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      let detail = text.slice(0, 300);
      try {
        detail = (JSON.parse(text) as { message?: string }).message ?? detail;
      } catch {
        // not JSON: keep the text
      }
      throw new GitHubApiError(res.status, name, detail);
    }
    return res;
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
