/**
 * Builds the resolved DesiredState from a parsed file: defaults filled, groups expanded, members
 * sorted and unique, ids normalised. Finds the mistakes only visible across entries: the same user,
 * asset or subscription declared twice, unknown groups, devices reaching a subscription through a
 * group. Works on data that failed the schema too (skipping what is malformed), so one run reports
 * every mistake.
 */
import type { PricingParam } from '../api/types.js';
import { readDeclaredUsers } from './declared-users.js';
import { duplicate } from './duplicate.js';
import { checkPriority } from './priority.js';
import { GroupExpander, type GroupDefinition } from './groups.js';
import { locationOf } from './location-block.js';
import { entry, list, type Entry } from './loose-data.js';
import { duplicateMemberWarnings, memberList, sortedMembers, type MemberList } from './members.js';
import type { Roster } from './roster-files.js';
import { plural } from '../shared/plural.js';
import { indexesMissingFrom } from '../shared/sorted-ids.js';
import { TimeSlices } from './time-slices.js';
import {
  DEFAULT_POLICY,
  type DesiredAsset,
  type DesiredState,
  type DesiredSubscription,
  type Diagnostic,
  type ListedMembers,
  type Policy,
  type ServingOrder,
  type SourceRef,
} from './types.js';
import { show, type Path } from './wording.js';
import type { YamlLocator } from './yaml-source.js';

export interface Resolved {
  state: DesiredState;
  diagnostics: Diagnostic[];
}

export async function resolveDesiredState(data: unknown, source: string, locator: YamlLocator, rosters: ReadonlyMap<string, Roster>): Promise<Resolved> {
  const doc = entry(data) ?? {};
  const { users, diagnostics } = readDeclaredUsers(doc.users, locator, rosters);
  return new Resolver(doc, source, locator, rosters, users.map((u) => u.clientUserId), diagnostics).run(users);
}

class Resolver {
  private readonly undeclared = new Map<string, SourceRef>();
  private readonly policy: Policy;
  private readonly definitions: Map<string, GroupDefinition>;
  /** Every devices list as written, in file order, for DesiredState.deviceAt. */
  private readonly deviceLists: MemberList[] = [];

  constructor(
    private readonly doc: Entry,
    private readonly source: string,
    private readonly locator: YamlLocator,
    private readonly rosters: ReadonlyMap<string, Roster>,
    /** clientUserIds of the declared users, sorted and unique. */
    private readonly declared: readonly string[],
    private readonly diagnostics: Diagnostic[],
  ) {
    this.policy = this.readPolicy();
    this.definitions = this.groupDefinitions();
  }

  async run(users: DesiredState['users']): Promise<Resolved> {
    const expander = new GroupExpander(this.definitions);
    expander.expandAll();
    const assets = await this.assets(expander);
    const subscriptions = this.subscriptions(expander);
    this.diagnostics.push(...expander.diagnostics);
    const state: DesiredState = {
      source: this.source,
      location: locationOf(this.doc),
      policy: this.policy,
      users,
      assets,
      subscriptions,
      undeclaredUsers: [...this.undeclared].map(([clientUserId, at]) => ({ clientUserId, at })),
      warnings: this.diagnostics.filter((d) => d.severity === 'warning'),
      deviceAt: (serialNumber) => firstAt(this.deviceLists, serialNumber),
    };
    if (this.policy.whenShort === 'prioritize') state.listedGroups = new Map([...this.definitions].map(([name, lists]) => [name, listed(lists)]));
    return { state, diagnostics: this.diagnostics };
  }

  private readPolicy(): Policy {
    const given = entry(this.doc.policy) ?? {};
    const policy: Policy = { ...DEFAULT_POLICY };
    if (typeof given.prune === 'boolean') policy.prune = given.prune;
    if (given.scope === 'declared' || given.scope === 'all') policy.scope = given.scope;
    if (Number.isInteger(given.maxDisassociations) && (given.maxDisassociations as number) >= 0) policy.maxDisassociations = given.maxDisassociations as number;
    if (typeof given.retireUndeclaredUsers === 'boolean') policy.retireUndeclaredUsers = given.retireUndeclaredUsers;
    if (given.whenShort === 'fail' || given.whenShort === 'prioritize') policy.whenShort = given.whenShort;
    if (typeof given.lowLicenseWarning === 'number' && given.lowLicenseWarning >= 0 && given.lowLicenseWarning <= 100) policy.lowLicenseWarning = given.lowLicenseWarning;
    return policy;
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
    this.deviceLists.push(lists.devices);
    return lists;
  }

  /**
   * The `priority` of an asset or subscription, checked; with whenShort: prioritize, the order its
   * new holders are served in when licenses run short (the lists as written, not copies).
   */
  private servingOrder(owner: Entry, path: Path, what: string, lists: GroupDefinition, expander: GroupExpander): ServingOrder | undefined {
    const priority = memberList(owner.priority, [...path, 'priority'], this.locator, this.rosters);
    const prioritize = this.policy.whenShort === 'prioritize';
    this.diagnostics.push(...duplicateMemberWarnings(priority, `\`priority\` of ${what}`));
    const keyAt = this.locator.at([...path, 'priority'], 'key');
    this.diagnostics.push(...checkPriority({ priority, groups: lists.groups, what, keyAt, prioritize }, expander, this.definitions));
    return prioritize ? { priority: priority.ids, listed: listed(lists) } : undefined;
  }

  /** Users the file does not declare: the plan accepts them only if the location already has them. */
  private noteUndeclared(users: MemberList): void {
    // Asset rosters of a district hold 1,000,000 ids: a sorted walk, not a hash lookup per id.
    for (const i of indexesMissingFrom(users.ids, this.declared, users.increasing)) {
      const id = users.ids[i]!;
      if (!this.undeclared.has(id)) this.undeclared.set(id, users.at(i));
    }
  }

  /** A district's assets hold a million members between them: the work pauses between assets (TimeSlices). */
  private async assets(expander: GroupExpander): Promise<DesiredAsset[]> {
    const assets: DesiredAsset[] = [];
    const firstAt = new Map<string, SourceRef>();
    const slices = new TimeSlices();
    for (const [i, item] of list(this.doc.assets).entries()) {
      await slices.pause();
      const asset = entry(item);
      if (!asset) continue;
      const adamId = assetAdamId(asset.adamId);
      const what = `asset ${adamId ?? i + 1}`;
      const lists = this.memberLists(asset, ['assets', i], what);
      const groups = expander.refer(lists.groups).map((r) => r.group);
      const servingOrder = this.servingOrder(asset, ['assets', i], what, lists, expander);
      if (adamId === undefined) continue;
      const pricingParam: PricingParam = asset.pricingParam === 'PLUS' ? 'PLUS' : 'STDQ';
      const at = this.locator.at(['assets', i]);
      const key = `${adamId}/${pricingParam}`;
      const first = firstAt.get(key);
      if (first) this.diagnostics.push(duplicate(at, `asset ${adamId} (${pricingParam}) is declared twice`, first));
      else firstAt.set(key, at);
      const users = sortedMembers(lists.users, groups.map((g) => g.users));
      const devices = sortedMembers(lists.devices, groups.map((g) => g.devices));
      assets.push({ adamId, pricingParam, ...(typeof asset.name === 'string' ? { name: asset.name } : {}), users, devices, ...(servingOrder && { servingOrder }), at });
    }
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
      const what = `subscription ${valid ? adamId : i + 1}`;
      const lists = this.memberLists({ users: subscription.users, groups: subscription.groups }, ['subscriptions', i], what);
      const refs = expander.refer(lists.groups);
      const servingOrder = this.servingOrder(subscription, ['subscriptions', i], what, lists, expander);
      for (const ref of refs) {
        if (ref.group.devices.length > 0) {
          this.diagnostics.push({
            ...ref.at,
            severity: 'warning',
            message: `group ${show(ref.name)} has ${plural(ref.group.devices.length, 'device')}; subscriptions go to users only, so its devices are ignored here`,
            hint: 'use a group of users only for subscriptions to silence this warning',
          });
        }
      }
      if (!valid) return;
      const at = this.locator.at(['subscriptions', i]);
      const first = firstAt.get(adamId);
      if (first) this.diagnostics.push(duplicate(at, `subscription ${adamId} is declared twice`, first));
      else firstAt.set(adamId, at);
      const users = sortedMembers(lists.users, refs.map((r) => r.group.users));
      subscriptions.push({
        adamId,
        ...(typeof subscription.name === 'string' ? { name: subscription.name } : {}),
        renewing: subscription.renewing !== false,
        users,
        ...(servingOrder && { servingOrder }),
        at,
      });
    });
    return subscriptions;
  }
}

function listed(lists: GroupDefinition): ListedMembers {
  return { users: lists.users.ids, devices: lists.devices.ids, groups: lists.groups.ids };
}

function firstAt(lists: readonly MemberList[], id: string): SourceRef | undefined {
  for (const list of lists) {
    const i = list.ids.indexOf(id);
    if (i >= 0) return list.at(i);
  }
  return undefined;
}

/** Assets take the adamId as digits, quoted or not; the API wants a string. */
function assetAdamId(value: unknown): string | undefined {
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  return undefined;
}
