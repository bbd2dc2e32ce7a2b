/**
 * A member list as written (inline `[a, b]` or a roster file) together with where each member is
 * written, so later checks can point at the exact line of an id; and the sorted, unique members it
 * comes to once the groups it includes are added.
 */
import type { Roster } from './roster-files.js';
import type { Diagnostic, SourceRef } from './types.js';
import { capped } from './capped.js';
import { isStrictlyIncreasing, sortedUnique, unionSorted } from '../shared/sorted-ids.js';
import { show, type Path } from './wording.js';
import type { YamlLocator } from './yaml-source.js';

export interface MemberList {
  /** As written: any order, repeats allowed. The list's own array, read by nothing else (see sortedMembers). */
  ids: string[];
  /** Sorted with no id twice, as exports usually are: checked once, for every later step. */
  increasing: boolean;
  at(i: number): SourceRef;
}

/** Duplicates reported one by one per list before the rest are counted in one line. */
const SHOWN_DUPLICATES = 5;

/**
 * The members at `path`: the inline list there, or the roster loaded for it. Entries of the wrong
 * type were reported by the schema check and are skipped here.
 */
export function memberList(value: unknown, path: Path, locator: YamlLocator, rosters: ReadonlyMap<string, Roster>): MemberList {
  if (Array.isArray(value)) {
    const ids: string[] = [];
    const indexes: number[] = [];
    value.forEach((v, i) => {
      if (typeof v !== 'string') return;
      ids.push(v);
      indexes.push(i);
    });
    return listOf(ids, (i) => locator.at([...path, indexes[i]]));
  }
  // Each roster fills one member list, so the list may own the roster's ids.
  const roster = rosters.get(rosterKey(path));
  if (!roster) return listOf([], () => ({ file: '', line: 1, col: 1 }));
  return listOf(roster.ids, (i) => ({ file: roster.display, ...roster.at(i) }));
}

function listOf(ids: string[], at: MemberList['at']): MemberList {
  return { ids, increasing: isStrictlyIncreasing(ids), at };
}

export function rosterKey(path: Path): string {
  return JSON.stringify(path);
}

/** A warning for each member listed twice in the same list (harmless, but usually a slip). */
export function duplicateMemberWarnings(list: MemberList, what: string): Diagnostic[] {
  // Roster exports are usually sorted: a strictly increasing list has no repeats, and one pass of
  // `<` costs a fraction of hashing every id (a district's asset rosters hold 1,000,000 ids).
  if (list.increasing) return [];
  const seen = new Set<string>();
  const repeats: number[] = [];
  list.ids.forEach((id, i) => {
    if (seen.size === seen.add(id).size) repeats.push(i);
  });
  const describe = (i: number): Diagnostic => {
    const first = list.at(list.ids.indexOf(list.ids[i]));
    return {
      ...list.at(i),
      severity: 'warning',
      message: `${show(list.ids[i])} is listed twice in ${what}`,
      hint: `remove one of them (the first is at ${first.file}:${first.line})`,
    };
  };
  return capped(repeats, SHOWN_DUPLICATES, describe, `members of ${what} are listed more than once`);
}

/**
 * The members of `list` and of `included` (sorted, unique lists: expanded groups), sorted and
 * unique, in an array no one else holds. A list already in order with nothing to add is handed
 * on as it is: it is read only once, and a district's assets would copy a million ids otherwise.
 */
export function sortedMembers(list: MemberList, included: readonly (readonly string[])[]): string[] {
  const own = list.increasing ? list.ids : sortedUnique(list.ids);
  return included.some((g) => g.length > 0) ? unionSorted([own, ...included]) : own;
}
