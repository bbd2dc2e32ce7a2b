/**
 * One comment per pull request and path, edited in place on every push: found again by the hidden
 * marker on its first line, so reviewers see the current plan instead of a trail of stale ones.
 */
import type { GitHub, IssueComment } from './github.js';

export type CommentKind = 'plan' | 'apply';

export function stickyMarker(kind: CommentKind, path: string): string {
  // A path cannot end the HTML comment early.
  return `<!-- vppctl:${kind} path=${path.replace(/--+>?/g, '-')} -->`;
}

/** Creates the comment, or updates the one that starts with `marker`. */
export async function upsertStickyComment(
  github: GitHub,
  issue: number,
  marker: string,
  body: string,
): Promise<{ id: number; created: boolean }> {
  const text = `${marker}\n${body}`;
  const existing = (await github.listIssueComments(issue)).find((c) => c.body?.split(/\r?\n/, 1)[0] === marker);
  if (existing) {
    await github.updateIssueComment(existing.id, text);
    return { id: existing.id, created: false };
  }
  const created = await github.createIssueComment(issue, text);
  return { id: created.id, created: true };
}

/**
 * The same GitHub, listing each pull request's comments once per run: with one comment per path,
 * listing per path would read every page again for each path. The list is kept current with the
 * comments this run creates and edits (nothing else in a run writes the markers it looks for).
 */
export function listingCommentsOnce(github: GitHub): GitHub {
  const lists = new Map<number, Promise<IssueComment[]>>();
  const listed = (issue: number): Promise<IssueComment[]> => {
    let list = lists.get(issue);
    if (!list) {
      list = github.listIssueComments(issue);
      // A failed listing is not remembered: the next path asks again.
      list.catch(() => lists.delete(issue));
      lists.set(issue, list);
    }
    return list;
  };
  return {
    ...github,
    listIssueComments: async (issue) => [...(await listed(issue))],
    async createIssueComment(issue, body) {
      const created = await github.createIssueComment(issue, body);
      const list = lists.get(issue);
      if (list) (await list).push({ id: created.id, body });
      return created;
    },
    async updateIssueComment(id, body) {
      const updated = await github.updateIssueComment(id, body);
      for (const list of lists.values()) {
        for (const comment of await list.catch(() => [])) if (comment.id === id) comment.body = body;
      }
      return updated;
    },
  };
}
