/**
 * Expands groups: a group's members are its own users and devices plus those of the groups it
 * includes, transitively. A group that includes itself, directly or through others, is an error
 * naming the whole cycle. Groups may include each other at most MAX_GROUP_DEPTH levels deep:
 * expansion recurses once per level, and a chain of thousands would otherwise end in a stack
 * overflow instead of a message at the line where the chain goes too deep.
 */
import { didYouMean } from './did-you-mean.js';
import { sortedMembers, type MemberList } from './members.js';
import type { Diagnostic, SourceRef } from './types.js';
import { show } from './wording.js';

/** Real files nest groups a few levels (a district of schools of grades); this is far past that. */
export const MAX_GROUP_DEPTH = 100;

export interface GroupDefinition {
  users: MemberList;
  devices: MemberList;
  /** Names of the groups it includes. */
  groups: MemberList;
}

export interface ExpandedGroup {
  /** Sorted, unique. */
  users: string[];
  devices: string[];
}

export class GroupExpander {
  readonly diagnostics: Diagnostic[] = [];
  private readonly expanded = new Map<string, ExpandedGroup>();
  private readonly inProgress: string[] = [];
  /** Set once a chain went too deep: reported once, and nothing deeper is expanded. */
  private tooDeep = false;

  constructor(private readonly definitions: ReadonlyMap<string, GroupDefinition>) {}

  /** Every declared group, expanded (so that cycles and bad references are found even in unused groups). */
  expandAll(): void {
    for (const name of this.definitions.keys()) this.expand(name);
  }

  /**
   * The groups a list refers to, expanded; an unknown name is an error at its reference.
   * Returns the references that resolved, with where each was written.
   */
  refer(list: MemberList): { name: string; group: ExpandedGroup; at: SourceRef }[] {
    const found: { name: string; group: ExpandedGroup; at: SourceRef }[] = [];
    list.ids.forEach((name, i) => {
      const at = list.at(i);
      if (!this.definitions.has(name)) {
        this.unknown(name, at);
        return;
      }
      const cycleStart = this.inProgress.indexOf(name);
      if (cycleStart >= 0) {
        const cycle = [...this.inProgress.slice(cycleStart), name].join(' → ');
        this.diagnostics.push({
          ...at,
          severity: 'error',
          message: `groups include each other in a cycle: ${cycle}`,
          hint: `remove \`${name}\` from the \`groups:\` of \`${this.inProgress[this.inProgress.length - 1]}\``,
        });
        return;
      }
      if (this.inProgress.length >= MAX_GROUP_DEPTH) {
        this.chainTooDeep(name, at);
        return;
      }
      found.push({ name, group: this.expand(name), at });
    });
    return found;
  }

  private expand(name: string): ExpandedGroup {
    const done = this.expanded.get(name);
    if (done) return done;
    const definition = this.definitions.get(name)!;
    this.inProgress.push(name);
    const included = this.refer(definition.groups).map((r) => r.group);
    this.inProgress.pop();
    const result = {
      users: sortedMembers(definition.users, included.map((g) => g.users)),
      devices: sortedMembers(definition.devices, included.map((g) => g.devices)),
    };
    this.expanded.set(name, result);
    return result;
  }

  private chainTooDeep(name: string, at: SourceRef): void {
    if (this.tooDeep) return;
    this.tooDeep = true;
    const chain = this.inProgress;
    this.diagnostics.push({
      ...at,
      severity: 'error',
      message: `groups include each other more than ${MAX_GROUP_DEPTH} levels deep: ${chain.slice(0, 3).map(show).join(' → ')} → … → ${chain.slice(-2).map(show).join(' → ')} → ${show(name)}`,
      hint: 'include the members directly, or shorten the chain of groups',
    });
  }

  private unknown(name: string, at: SourceRef): void {
    const guess = didYouMean(name, [...this.definitions.keys()]);
    this.diagnostics.push({
      ...at,
      severity: 'error',
      message: `group ${show(name)} is not declared under \`groups\``,
      hint: guess ? `did you mean \`${guess}\`?` : 'declare it under `groups:`, or fix the name',
    });
  }
}
