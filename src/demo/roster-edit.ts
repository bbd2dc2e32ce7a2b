/**
 * The demo's roster change, made the way a careful script (an SIS export job, say) edits a file
 * people also edit by hand: the YAML Document API finds the nodes, and only their text changes,
 * so comments, alignment and every other line stay as they were and the pull request diff is
 * exactly the change.
 */
import { structuredPatch } from 'diff';
import { isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

export interface RosterEdit {
  /** A student to register and add to a group. */
  join: { clientUserId: string; email: string; managedAppleId: string; group: string };
  /** A student to take out of a group (still registered: they may come back). */
  leave: { clientUserId: string; group: string };
}

interface Splice {
  at: number;
  remove: number;
  insert: string;
}

function seqAt(doc: Document, path: string[]): Node[] {
  const seq = doc.getIn(path);
  if (!isSeq(seq) || seq.items.length === 0) throw new Error(`the demo file has no list at ${path.join('.')}`);
  return seq.items as Node[];
}

const start = (n: Node): number => n.range![0];
const end = (n: Node): number => n.range![1];

/** The edited file, and the change as a pull request shows it (unified diff lines, one line of context). */
export function editRoster(text: string, edit: RosterEdit): { text: string; diff: string[] } {
  const doc = parseDocument(text);
  const { join, leave } = edit;

  // A new `- {clientUserId: …}` line after the last user, indented like it.
  const lastUser = seqAt(doc, ['users']).at(-1)!;
  const indent = text.slice(text.lastIndexOf('\n', start(lastUser)) + 1, start(lastUser));
  const user = `{clientUserId: ${join.clientUserId}, email: ${join.email}, managedAppleId: ${join.managedAppleId}}`;
  const splices: Splice[] = [{ at: end(lastUser), remove: 0, insert: `\n${indent}${user}` }];

  splices.push({ at: end(seqAt(doc, ['groups', join.group, 'users']).at(-1)!), remove: 0, insert: `, ${join.clientUserId}` });

  const members = seqAt(doc, ['groups', leave.group, 'users']);
  const i = members.findIndex((n) => isScalar(n) && n.value === leave.clientUserId);
  if (i < 0) throw new Error(`${leave.clientUserId} is not in ${leave.group}`);
  // Take the member with the separator before it (after it, when it comes first).
  const [from, to] = i > 0 ? [end(members[i - 1]!), end(members[i]!)] : [start(members[0]!), members[1] ? start(members[1]) : end(members[0]!)];
  splices.push({ at: from, remove: to - from, insert: '' });

  const edited = splices
    .sort((a, b) => b.at - a.at)
    .reduce((out, s) => out.slice(0, s.at) + s.insert + out.slice(s.at + s.remove), text);
  const patch = structuredPatch('a', 'b', text, edited, '', '', { context: 1 });
  const diff = patch.hunks.flatMap((h) => h.lines);
  return { text: edited, diff };
}
