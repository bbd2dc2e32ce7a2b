/**
 * Expands groups: a group's members are its own users and devices plus those of the groups it
 * includes, transitively. A group that includes itself, directly or through others, is an error
 * naming the whole cycle.
 */
import { didYouMean } from './did-you-mean.js';
import { sortedMembers, type MemberList } from './members.js';
import type { Diagnostic, SourceRef } from './types.js';
import { show } from './wording.js';

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
