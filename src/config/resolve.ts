/**
 * Builds the resolved DesiredState from a parsed file: defaults filled, groups expanded, members
 * sorted and unique, ids normalised. Finds the mistakes only visible across entries: the same user,
 * asset or subscription declared twice, unknown groups, devices reaching a subscription through a
 * group. Works on data that failed the schema too (skipping what is malformed), so one run reports
 * every mistake.
 */
import type { PricingParam } from '../api/types.js';
import { capped } from './capped.js';
import { GroupExpander, type GroupDefinition } from './groups.js';
import { duplicateMemberWarnings, memberList, rosterKey, type MemberList } from './members.js';
import type { Roster } from './roster-files.js';
import { isSorted, sortedUnique, unionSorted } from './sorted-ids.js';
import { DEFAULT_TOKEN_ENV } from './token-check.js';
import {
  DEFAULT_POLICY,
  type DesiredAsset,
  type DesiredState,
  type DesiredSubscription,
  type DesiredUser,
  type Diagnostic,
  type Policy,
  type SourceRef,
} from './types.js';
import { show, type Path } from './wording.js';
import type { YamlLocator } from './yaml-source.js';

type Entry = Record<string, unknown>;

/** A roster exported twice over should not print 100,000 lines. */
const SHOWN_DUPLICATE_USERS = 10;

function entry(value: unknown): Entry | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Entry) : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export interface Resolved {
  state: DesiredState;
  diagnostics: Diagnostic[];
}

export function resolveDesiredState(data: unknown, source: string, locator: YamlLocator, rosters: ReadonlyMap<string, Roster>): Resolved {
  return new Resolver(entry(data) ?? {}, source, locator, rosters).run();
}

class Resolver {
  private readonly diagnostics: Diagnostic[] = [];
  /** Declared clientUserIds, each with its index among the declarations. */
  private readonly declared = new Map<string, number>();
  private readonly undeclared = new Map<string, SourceRef>();

  constructor(
    private readonly doc: Entry,
    private readonly source: string,
    private readonly locator: YamlLocator,
    private readonly rosters: ReadonlyMap<string, Roster>,
  ) {}

  run(): Resolved {
    const users = this.users();
    const expander = new GroupExpander(this.groupDefinitions());
    expander.expandAll();
    const assets = this.assets(expander);
    const subscriptions = this.subscriptions(expander);
    this.diagnostics.push(...expander.diagnostics);
    const state: DesiredState = {
      source: this.source,
      location: this.location(),
      policy: this.policy(),
      users,
      assets,
      subscriptions,
      undeclaredUsers: [...this.undeclared].map(([clientUserId, at]) => ({ clientUserId, at })),
      warnings: this.diagnostics.filter((d) => d.severity === 'warning'),
    };
    return { state, diagnostics: this.diagnostics };
  }

  private location(): DesiredState['location'] {
    const location = entry(this.doc.location) ?? {};
    const mdm = entry(location.mdm);
    return {
      name: typeof location.name === 'string' ? location.name : '',
      tokenEnv: typeof location.token === 'string' ? location.token : DEFAULT_TOKEN_ENV,
      ...(mdm && typeof mdm.id === 'string' && typeof mdm.name === 'string'
        ? { mdm: { id: mdm.id, name: mdm.name, ...(typeof mdm.metadata === 'string' ? { metadata: mdm.metadata } : {}) } }
        : {}),
    };
  }

  private policy(): Policy {
    const given = entry(this.doc.policy) ?? {};
    const policy: Policy = { ...DEFAULT_POLICY };
    if (typeof given.prune === 'boolean') policy.prune = given.prune;
    if (given.scope === 'declared' || given.scope === 'all') policy.scope = given.scope;
    if (Number.isInteger(given.maxDisassociations) && (given.maxDisassociations as number) >= 0) policy.maxDisassociations = given.maxDisassociations as number;
    if (typeof given.retireUndeclaredUsers === 'boolean') policy.retireUndeclaredUsers = given.retireUndeclaredUsers;
    return policy;
  }

  /** Declared users, from the inline list or the roster file; the same id twice is an error. */
  private users(): DesiredUser[] {
    const { found, at } = this.declaredUsers();
    const unique: DesiredUser[] = [];
    const twice: Diagnostic[] = [];
    found.forEach((user, i) => {
      const first = this.declared.get(user.clientUserId);
      if (first !== undefined) {
        twice.push(duplicate(at(i), `user ${show(user.clientUserId)} is declared twice`, at(first)));
        return;
      }
      this.declared.set(user.clientUserId, i);
      unique.push(user);
    });
    this.diagnostics.push(...capped(twice, SHOWN_DUPLICATE_USERS, 'users are declared twice'));
    if (isSorted(unique.map((u) => u.clientUserId))) return unique;
    const ids = [...this.declared.keys()].sort();
    return ids.map((id) => found[this.declared.get(id)!]);
  }

  private declaredUsers(): { found: DesiredUser[]; at: (i: number) => SourceRef } {
    const roster = this.rosters.get(rosterKey(['users']));
    if (roster) {
      const columns = entry(this.doc.users) ?? {};
      const emails = typeof columns.emailColumn === 'string' ? roster.extra.get(columns.emailColumn) : undefined;
      const appleIds = typeof columns.managedAppleIdColumn === 'string' ? roster.extra.get(columns.managedAppleIdColumn) : undefined;
      const found = roster.ids.map((clientUserId, i) => {
        const user: DesiredUser = { clientUserId };
        if (appleIds?.[i]) user.managedAppleId = appleIds[i];
        if (emails?.[i]) user.email = emails[i];
        return user;
      });
      return { found, at: (i) => ({ file: roster.display, line: roster.lines[i], col: roster.cols[i] }) };
    }
    const found: DesiredUser[] = [];
    const indexes: number[] = [];
    list(this.doc.users).forEach((item, i) => {
      const e = entry(item);
      if (typeof e?.clientUserId !== 'string') return;
      const user: DesiredUser = { clientUserId: e.clientUserId };
      if (typeof e.managedAppleId === 'string') user.managedAppleId = e.managedAppleId;
      if (typeof e.email === 'string') user.email = e.email;
      found.push(user);
      indexes.push(i);
    });
    return { found, at: (i) => this.locator.at(['users', indexes[i], 'clientUserId']) };
  }

  private groupDefinitions(): Map<string, GroupDefinition> {
    const definitions = new Map<string, GroupDefinition>();
    for (const [name, value] of Object.entries(entry(this.doc.groups) ?? {})) {
      const group = entry(value) ?? {};
      const lists = this.memberLists(group, ['groups', name], `group \`${name}\``);
      definitions.set(name, lists);
    }
    return definitions;
  }

  /** The users, devices and groups lists of a group, asset or subscription, checked as written. */
  private memberLists(owner: Entry, path: Path, what: string): GroupDefinition {
    const lists = {
      users: memberList(owner.users, [...path, 'users'], this.locator, this.rosters),
      devices: memberList(owner.devices, [...path, 'devices'], this.locator, this.rosters),
      groups: memberList(owner.groups, [...path, 'groups'], this.locator, this.rosters),
    };
    for (const key of ['users', 'devices', 'groups'] as const) {
      this.diagnostics.push(...duplicateMemberWarnings(lists[key], `\`${key}\` of ${what}`));
    }
    this.noteUndeclared(lists.users);
    return lists;
  }

  /** Users the file does not declare: the plan accepts them only if the location already has them. */
  private noteUndeclared(users: MemberList): void {
    users.ids.forEach((id, i) => {
      if (!this.declared.has(id) && !this.undeclared.has(id)) this.undeclared.set(id, users.at(i));
    });
  }

  private assets(expander: GroupExpander): DesiredAsset[] {
    const assets: DesiredAsset[] = [];
    const firstAt = new Map<string, SourceRef>();
    list(this.doc.assets).forEach((item, i) => {
      const asset = entry(item);
      if (!asset) return;
      const adamId = assetAdamId(asset.adamId);
      const lists = this.memberLists(asset, ['assets', i], `asset ${adamId ?? i + 1}`);
      const groups = expander.refer(lists.groups).map((r) => r.group);
      if (adamId === undefined) return;
      const pricingParam: PricingParam = asset.pricingParam === 'PLUS' ? 'PLUS' : 'STDQ';
      const at = this.locator.at(['assets', i]);
      const key = `${adamId}/${pricingParam}`;
      const first = firstAt.get(key);
      if (first) this.diagnostics.push(duplicate(at, `asset ${adamId} (${pricingParam}) is declared twice`, first));
      else firstAt.set(key, at);
      const users = unionSorted([sortedUnique(lists.users.ids), ...groups.map((g) => g.users)]);
      const devices = unionSorted([sortedUnique(lists.devices.ids), ...groups.map((g) => g.devices)]);
      assets.push({ adamId, pricingParam, ...(typeof asset.name === 'string' ? { name: asset.name } : {}), users, devices, at });
    });
    return assets;
  }

  private subscriptions(expander: GroupExpander): DesiredSubscription[] {
    const subscriptions: DesiredSubscription[] = [];
    const firstAt = new Map<number, SourceRef>();
    list(this.doc.subscriptions).forEach((item, i) => {
      const subscription = entry(item);
      if (!subscription) return;
      const adamId = subscription.adamId;
      const valid = typeof adamId === 'number' && Number.isSafeInteger(adamId) && adamId >= 1;
      // Directly listed devices are a schema error; they are not read here.
      const lists = this.memberLists({ users: subscription.users, groups: subscription.groups }, ['subscriptions', i], `subscription ${valid ? adamId : i + 1}`);
      const refs = expander.refer(lists.groups);
      for (const ref of refs) {
        if (ref.group.devices.length > 0) {
          this.diagnostics.push({
            ...ref.at,
            severity: 'warning',
            message: `group ${show(ref.name)} has ${ref.group.devices.length} device(s); subscriptions go to users only, so its devices are ignored here`,
            hint: 'use a group of users only for subscriptions to silence this warning',
          });
        }
      }
      if (!valid) return;
      const at = this.locator.at(['subscriptions', i]);
      const first = firstAt.get(adamId);
      if (first) this.diagnostics.push(duplicate(at, `subscription ${adamId} is declared twice`, first));
      else firstAt.set(adamId, at);
      const users = unionSorted([sortedUnique(lists.users.ids), ...refs.map((r) => r.group.users)]);
      subscriptions.push({ adamId, ...(typeof subscription.name === 'string' ? { name: subscription.name } : {}), renewing: subscription.renewing !== false, users, at });
    });
    return subscriptions;
  }

}

function duplicate(at: SourceRef, message: string, first: SourceRef): Diagnostic {
  return { ...at, severity: 'error', message, hint: `merge it with the first one, at ${first.file}:${first.line}` };
}

/** Assets take the adamId as digits, quoted or not; the API wants a string. */
function assetAdamId(value: unknown): string | undefined {
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return undefined;
}
