/**
 * The simulator's state file (`vppctl sim --state FILE`): one location, compact enough that
 * 1,000,000 assignments fit (holders are listed per asset, not per assignment).
 * `validateSimState` checks shape and consistency and names the exact place of any problem.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Limits, MdmInfo, PricingParam, ProductType, UserStatus } from '../api/types.js';
import { DEFAULT_LIMITS } from '../api/types.js';

export interface SimState {
  uId: string;
  locationName: string;
  countryISO2ACode?: string;
  /** Set => the location is claimed by that MDM. */
  mdmInfo?: MdmInfo;
  /** Merged over DEFAULT_LIMITS. */
  limits?: Partial<Limits>;
  assets: {
    adamId: string;
    pricingParam: PricingParam;
    productType: ProductType;
    totalCount: number;
    deviceAssignable: boolean;
    revocable: boolean;
    supportedPlatforms?: string[];
    retiredCount?: number;
    /** The store's name for it, answered by the content metadata lookup (absent: the lookup does not know it). */
    name?: string;
    /** The store's artistName (developer or author), answered with the name. */
    artistName?: string;
  }[];
  /** Holders per asset key `${adamId}:${pricingParam}`. */
  assignments: Record<string, { users?: string[]; devices?: string[] }>;
  users: { clientUserId: string; email?: string; managedAppleId?: string; status: UserStatus; idHash?: string; inviteCode?: string }[];
  subscriptions?: { adamId: number; parentAdamId?: number; total: { renewing: number; expiring: number } }[];
  subscriptionAssignments?: { adamId: number; clientUserId: string; renewing: boolean }[];
}

export class SimStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimStateError';
  }
}

const PRICING = new Set(['STDQ', 'PLUS']);
const PRODUCT = new Set(['App', 'Book']);
const STATUSES = new Set(['Registered', 'Associated', 'Retired', 'Deleted']);

export function isActiveStatus(status: UserStatus): boolean {
  return status === 'Registered' || status === 'Associated';
}

/** Collects the first problem with its path; every check below is one line of this. */
class Checker {
  constructor(private readonly source: string) {}

  fail(path: string, problem: string): never {
    throw new SimStateError(`${this.source}: ${path} ${problem}`);
  }
  object(v: unknown, path: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'must be an object');
    return v as Record<string, unknown>;
  }
  array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'must be an array');
    return v;
  }
  string(v: unknown, path: string): string {
    if (typeof v !== 'string' || v === '') this.fail(path, 'must be a non-empty string');
    return v;
  }
  optionalString(v: unknown, path: string): void {
    if (v !== undefined && typeof v !== 'string') this.fail(path, 'must be a string');
  }
  count(v: unknown, path: string): number {
    if (!Number.isInteger(v) || (v as number) < 0) this.fail(path, 'must be an integer of 0 or more');
    return v as number;
  }
  boolean(v: unknown, path: string): void {
    if (typeof v !== 'boolean') this.fail(path, 'must be true or false');
  }
  oneOf(v: unknown, allowed: Set<string>, path: string): void {
    if (typeof v !== 'string' || !allowed.has(v)) this.fail(path, `must be one of ${[...allowed].join(', ')}`);
  }
  holders(v: unknown, path: string): string[] {
    const list = this.array(v, path);
    const seen = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const id = this.string(list[i], `${path}[${i}]`);
      if (seen.has(id)) this.fail(`${path}[${i}]`, `repeats ${id}`);
      seen.add(id);
    }
    return list as string[];
  }
}

function checkHeader(c: Checker, s: Record<string, unknown>): void {
  c.string(s.uId, 'uId');
  c.string(s.locationName, 'locationName');
  c.optionalString(s.countryISO2ACode, 'countryISO2ACode');
  if (s.mdmInfo !== undefined) {
    const m = c.object(s.mdmInfo, 'mdmInfo');
    c.string(m.id, 'mdmInfo.id');
    c.string(m.name, 'mdmInfo.name');
    c.optionalString(m.metadata, 'mdmInfo.metadata');
  }
  if (s.limits !== undefined) {
    const limits = c.object(s.limits, 'limits');
    for (const [key, value] of Object.entries(limits)) {
      if (!(key in DEFAULT_LIMITS)) c.fail(`limits.${key}`, `is not a known limit (${Object.keys(DEFAULT_LIMITS).join(', ')})`);
      if (!Number.isInteger(value) || (value as number) < 1) c.fail(`limits.${key}`, 'must be a positive integer');
    }
  }
}

/** Returns the set of active clientUserIds. */
function checkUsers(c: Checker, users: unknown[]): Set<string> {
  const active = new Set<string>();
  users.forEach((u, i) => {
    const user = c.object(u, `users[${i}]`);
    const id = c.string(user.clientUserId, `users[${i}].clientUserId`);
    c.oneOf(user.status, STATUSES, `users[${i}].status`);
    for (const f of ['email', 'managedAppleId', 'idHash', 'inviteCode']) c.optionalString(user[f], `users[${i}].${f}`);
    if (isActiveStatus(user.status as UserStatus)) {
      if (active.has(id)) c.fail(`users[${i}]`, `is a second active user with clientUserId ${id} (one at most; retired entries may repeat)`);
      active.add(id);
    }
  });
  return active;
}

function checkAssets(c: Checker, s: Record<string, unknown>, activeUsers: Set<string>): void {
  const assets = new Map<string, { totalCount: number; deviceAssignable: boolean }>();
  c.array(s.assets, 'assets').forEach((a, i) => {
    const asset = c.object(a, `assets[${i}]`);
    const adamId = c.string(asset.adamId, `assets[${i}].adamId`);
    c.oneOf(asset.pricingParam, PRICING, `assets[${i}].pricingParam`);
    c.oneOf(asset.productType, PRODUCT, `assets[${i}].productType`);
    const totalCount = c.count(asset.totalCount, `assets[${i}].totalCount`);
    c.boolean(asset.deviceAssignable, `assets[${i}].deviceAssignable`);
    c.boolean(asset.revocable, `assets[${i}].revocable`);
    if (asset.retiredCount !== undefined) c.count(asset.retiredCount, `assets[${i}].retiredCount`);
    if (asset.supportedPlatforms !== undefined) c.holders(asset.supportedPlatforms, `assets[${i}].supportedPlatforms`);
    if (asset.name !== undefined) c.string(asset.name, `assets[${i}].name`);
    if (asset.artistName !== undefined) c.string(asset.artistName, `assets[${i}].artistName`);
    const key = `${adamId}:${asset.pricingParam as string}`;
    if (assets.has(key)) c.fail(`assets[${i}]`, `repeats the asset ${key}`);
    assets.set(key, { totalCount, deviceAssignable: asset.deviceAssignable as boolean });
  });
  for (const [key, value] of Object.entries(c.object(s.assignments, 'assignments'))) {
    const path = `assignments["${key}"]`;
    const asset = assets.get(key);
    if (!asset) c.fail(path, 'names an asset that is not in assets (keys are "adamId:pricingParam")');
    const holders = c.object(value, path);
    const users = holders.users === undefined ? [] : c.holders(holders.users, `${path}.users`);
    const devices = holders.devices === undefined ? [] : c.holders(holders.devices, `${path}.devices`);
    users.forEach((id, i) => {
      if (!activeUsers.has(id)) c.fail(`${path}.users[${i}]`, `is ${id}, which is not an active (Registered or Associated) user`);
    });
    if (devices.length > 0 && !asset.deviceAssignable) c.fail(`${path}.devices`, 'is not allowed: the asset is not deviceAssignable');
    if (users.length + devices.length > asset.totalCount) {
      c.fail(path, `holds ${users.length + devices.length} assignments but the asset's totalCount is ${asset.totalCount}`);
    }
  }
}

function checkSubscriptions(c: Checker, s: Record<string, unknown>, activeUsers: Set<string>): void {
  const seats = new Map<number, { renewing: number; expiring: number }>();
  c.array(s.subscriptions ?? [], 'subscriptions').forEach((v, i) => {
    const sub = c.object(v, `subscriptions[${i}]`);
    const adamId = c.count(sub.adamId, `subscriptions[${i}].adamId`);
    if (sub.parentAdamId !== undefined) c.count(sub.parentAdamId, `subscriptions[${i}].parentAdamId`);
    const total = c.object(sub.total, `subscriptions[${i}].total`);
    const renewing = c.count(total.renewing, `subscriptions[${i}].total.renewing`);
    const expiring = c.count(total.expiring, `subscriptions[${i}].total.expiring`);
    if (seats.has(adamId)) c.fail(`subscriptions[${i}]`, `repeats the subscription ${adamId}`);
    seats.set(adamId, { renewing, expiring });
  });
  const pairs = new Set<string>();
  c.array(s.subscriptionAssignments ?? [], 'subscriptionAssignments').forEach((v, i) => {
    const path = `subscriptionAssignments[${i}]`;
    const a = c.object(v, path);
    const adamId = c.count(a.adamId, `${path}.adamId`);
    const id = c.string(a.clientUserId, `${path}.clientUserId`);
    c.boolean(a.renewing, `${path}.renewing`);
    const left = seats.get(adamId);
    if (!left) c.fail(`${path}.adamId`, `is ${adamId}, which is not in subscriptions`);
    if (!activeUsers.has(id)) c.fail(`${path}.clientUserId`, `is ${id}, which is not an active user`);
    if (pairs.has(`${adamId}:${id}`)) c.fail(path, `repeats ${id} for ${adamId}`);
    pairs.add(`${adamId}:${id}`);
    const kind = a.renewing ? 'renewing' : 'expiring';
    if (--left[kind] < 0) c.fail(path, `exceeds the ${kind} seats of subscription ${adamId}`);
  });
}

/** States already checked, so a loaded 1,000,000-assignment state is not checked twice. */
const validated = new WeakSet<object>();

/**
 * Throws SimStateError naming the source, the path and the problem; returns the state typed.
 * A state object is checked once: change a copy of a loaded state, not the loaded object.
 */
export function validateSimState(data: unknown, source = 'sim state'): SimState {
  if (typeof data === 'object' && data !== null && validated.has(data)) return data as SimState;
  const c = new Checker(source);
  const s = c.object(data, '(top level)');
  checkHeader(c, s);
  const activeUsers = checkUsers(c, c.array(s.users, 'users'));
  checkAssets(c, s, activeUsers);
  checkSubscriptions(c, s, activeUsers);
  validated.add(s);
  return data as SimState;
}

export async function loadSimState(file: string): Promise<SimState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new SimStateError(`${file}: cannot read the sim state file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new SimStateError(`${file}: the sim state file is not valid JSON (${(err as Error).message})`);
  }
  return validateSimState(data, file);
}

/** The state `startSimServer()` serves when given none: the Central School example. */
export function defaultSimState(): Promise<SimState> {
  return loadSimState(fileURLToPath(new URL('../../examples/sim/central-school.json', import.meta.url)));
}
