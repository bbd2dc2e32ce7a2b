/**
 * One comment per pull request and path, edited in place on every push: found again by the hidden
 * marker on its first line, so reviewers see the current plan instead of a trail of stale ones.
 */
import type { GitHub } from './github.js';

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
