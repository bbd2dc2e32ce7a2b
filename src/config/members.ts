/**
 * A member list as written (inline `[a, b]` or a roster file) together with where each member is
 * written, so later checks can point at the exact line of an id.
 */
import type { Roster } from './roster-files.js';
import type { Diagnostic, SourceRef } from './types.js';
import { capped } from './capped.js';
import { isStrictlyIncreasing } from './sorted-ids.js';
import { show, type Path } from './wording.js';
import type { YamlLocator } from './yaml-source.js';

export interface MemberList {
  ids: string[];
  at(i: number): SourceRef;
}

const EMPTY: MemberList = { ids: [], at: () => ({ file: '', line: 1, col: 1 }) };

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
    return { ids, at: (i) => locator.at([...path, indexes[i]]) };
  }
  const roster = rosters.get(rosterKey(path));
  if (!roster) return EMPTY;
  return { ids: roster.ids, at: (i) => ({ file: roster.display, line: roster.lines[i], col: roster.cols[i] }) };
}

export function rosterKey(path: Path): string {
  return JSON.stringify(path);
}

/** A warning for each member listed twice in the same list (harmless, but usually a slip). */
export function duplicateMemberWarnings(list: MemberList, what: string): Diagnostic[] {
  // Roster exports are usually sorted: a strictly increasing list has no repeats, and one pass of
  // `<` costs a fraction of hashing every id (a district's asset rosters hold 1,000,000 ids).
  if (isStrictlyIncreasing(list.ids)) return [];
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
