/**
 * The synchronous checks of every write body, in the order the simulator applies them. A failed
 * check is a SimError: the request is answered with it and nothing else happens.
 */
import type { ClientConfigRequest, Limits, MdmInfo, PricingParam } from '../api/types.js';
import { SimError } from './errors.js';

export interface ManageAssetsInput {
  assets: { adamId: string; pricingParam: PricingParam }[];
  clientUserIds: string[];
  serialNumbers: string[];
}

export interface AssetFlags {
  revocable: boolean;
  deviceAssignable: boolean;
}

export interface ManageUsersInput {
  users: { clientUserId: string; email?: string; managedAppleId?: string }[];
}

export interface ManageSubscriptionsInput {
  adamIds: number[];
  clientUserIds: string[];
  renewing: boolean;
  deferred: boolean;
}

function record(body: unknown, errorNumber: number): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SimError(errorNumber);
  return body as Record<string, unknown>;
}

function duplicates<T>(list: readonly T[], key: (item: T) => string = String): T[] {
  const seen = new Set<string>();
  return list.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return true;
    seen.add(k);
    return false;
  });
}

/** An optional array of non-empty strings (clientUserIds, serialNumbers). */
function idList(value: unknown, errorNumber: number): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) throw new SimError(errorNumber);
  return value as string[];
}

/** Count limit, then duplicates, of one target list. */
function checkTargets(ids: string[], max: number, tooMany: number, duplicate: number, field: 'clientUserIds' | 'serialNumbers'): void {
  if (ids.length > max) throw new SimError(tooMany);
  const dups = duplicates(ids);
  if (dups.length > 0) throw new SimError(duplicate, { [field]: [...new Set(dups)] });
}

export function validateManageAssets(
  body: unknown,
  kind: 'associate' | 'disassociate',
  limits: Limits,
  flags: (adamId: string, pricingParam: PricingParam) => AssetFlags | undefined,
  rejectMixedTargets: boolean,
): ManageAssetsInput {
  const b = record(body, 9602);
  if (b.assets === undefined || (Array.isArray(b.assets) && b.assets.length === 0)) throw new SimError(9718);
  if (!Array.isArray(b.assets)) throw new SimError(9602);
  const assets = b.assets.map((a: unknown) => {
    const asset = record(a, 9602);
    if (typeof asset.adamId !== 'string' || asset.adamId === '') throw new SimError(9602);
    const pricingParam = asset.pricingParam ?? 'STDQ';
    if (pricingParam !== 'STDQ' && pricingParam !== 'PLUS') throw new SimError(9602);
    return { adamId: asset.adamId, pricingParam: pricingParam as PricingParam };
  });
  if (assets.length > limits.maxAssets) throw new SimError(9700);
  const dupAssets = duplicates(assets, (a) => `${a.adamId}:${a.pricingParam}`);
  if (dupAssets.length > 0) throw new SimError(9703, { assets: dupAssets });
  const clientUserIds = idList(b.clientUserIds, 9602);
  const serialNumbers = idList(b.serialNumbers, 9602);
  if (clientUserIds.length === 0 && serialNumbers.length === 0) throw new SimError(9719);
  if (rejectMixedTargets && clientUserIds.length > 0 && serialNumbers.length > 0) throw new SimError(9602);
  checkTargets(clientUserIds, limits.maxClientUserIds, 9701, 9704, 'clientUserIds');
  checkTargets(serialNumbers, limits.maxSerialNumbers, 9702, 9705, 'serialNumbers');
  if (kind === 'disassociate') {
    const fixed = assets.filter((a) => flags(a.adamId, a.pricingParam)?.revocable === false);
    if (fixed.length > 0) throw new SimError(9706, { assets: fixed });
  } else if (serialNumbers.length > 0) {
    const userOnly = assets.filter((a) => flags(a.adamId, a.pricingParam)?.deviceAssignable === false);
    if (userOnly.length > 0) throw new SimError(9707, { assets: userOnly });
  }
  return { assets, clientUserIds, serialNumbers };
}

export function validateRevoke(body: unknown, limits: Limits): Omit<ManageAssetsInput, 'assets'> {
  const b = record(body, 9602);
  const clientUserIds = idList(b.clientUserIds, 9602);
  const serialNumbers = idList(b.serialNumbers, 9602);
  if (clientUserIds.length === 0 && serialNumbers.length === 0) throw new SimError(9719);
  checkTargets(clientUserIds, limits.maxRevokeClientUserIds, 9701, 9704, 'clientUserIds');
  checkTargets(serialNumbers, limits.maxRevokeSerialNumbers, 9702, 9705, 'serialNumbers');
  return { clientUserIds, serialNumbers };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateManageUsers(body: unknown, limits: Limits): ManageUsersInput {
  const b = record(body, 9602);
  if (b.users === undefined || (Array.isArray(b.users) && b.users.length === 0)) throw new SimError(9720);
  if (!Array.isArray(b.users)) throw new SimError(9602);
  if (b.users.length > limits.maxUsers) throw new SimError(9714);
  const users = b.users.map((u: unknown) => {
    const user = record(u, 9602);
    if (typeof user.clientUserId !== 'string' || user.clientUserId === '') throw new SimError(9602);
    for (const f of ['email', 'managedAppleId'] as const) if (user[f] !== undefined && typeof user[f] !== 'string') throw new SimError(9602);
    return { clientUserId: user.clientUserId, email: user.email as string | undefined, managedAppleId: user.managedAppleId as string | undefined };
  });
  checkTargets(users.map((u) => u.clientUserId), Infinity, 9714, 9715, 'clientUserIds');
  const badEmail = users.filter((u) => u.email !== undefined && !EMAIL.test(u.email));
  if (badEmail.length > 0) throw new SimError(9717, { clientUserIds: badEmail.map((u) => u.clientUserId) });
  return { users };
}

export interface SubscriptionLookups {
  exists(adamId: number): boolean;
  activeUser(clientUserId: string): boolean;
  holds(adamId: number, clientUserId: string): boolean;
}

export function validateManageSubscriptions(
  body: unknown,
  kind: 'associate' | 'disassociate',
  limits: Limits,
  lookups: SubscriptionLookups,
): ManageSubscriptionsInput {
  const b = record(body, 9811);
  if (!Array.isArray(b.adamIds) || b.adamIds.length === 0 || b.adamIds.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw new SimError(9811);
  const clientUserIds = idList(b.clientUserIds, 9811);
  if (clientUserIds.length === 0) throw new SimError(9811);
  for (const f of ['renewing', 'deferred'] as const) if (b[f] !== undefined && typeof b[f] !== 'boolean') throw new SimError(9811);
  const adamIds = b.adamIds as number[];
  if (adamIds.length > limits.maxSubscriptions || clientUserIds.length > limits.maxSubscriptionClientUserIds) throw new SimError(9816);
  if (duplicates(adamIds).length > 0 || duplicates(clientUserIds).length > 0) throw new SimError(9811);
  const unknown = adamIds.filter((id) => !lookups.exists(id));
  if (unknown.length > 0) throw new SimError(9813, { assets: unknown.map((id) => ({ adamId: String(id) })) });
  const unregistered = clientUserIds.filter((id) => !lookups.activeUser(id));
  if (unregistered.length > 0) throw new SimError(9814, { clientUserIds: unregistered });
  if (kind === 'disassociate') {
    for (const adamId of adamIds) {
      const missing = clientUserIds.filter((id) => !lookups.holds(adamId, id));
      if (missing.length > 0) throw new SimError(9815, { assets: [{ adamId: String(adamId) }], clientUserIds: missing });
    }
  }
  return { adamIds, clientUserIds, renewing: b.renewing !== false, deferred: b.deferred === true };
}

/** Apple's mdmInfo and notification limits (service config: maxMdm*Length, maxNotificationLength). */
export const CLIENT_CONFIG_LIMITS = Object.freeze({ maxMdmIdLength: 100, maxMdmNameLength: 100, maxMdmMetadataLength: 255, maxNotificationLength: 512 });

export const NOTIFICATION_TYPES = [
  'TEST_NOTIFICATION',
  'ASSET_MANAGEMENT',
  'USER_MANAGEMENT',
  'USER_ASSOCIATED',
  'ASSET_COUNT',
  'SUBSCRIPTION_MANAGEMENT',
  'SUBSCRIPTION_COUNT',
  'UNLIMITED_ASSET',
];

function validateMdmInfo(value: unknown): MdmInfo {
  const m = record(value, 9723);
  if (typeof m.id !== 'string' || m.id === '' || typeof m.name !== 'string' || m.name === '' || typeof m.metadata !== 'string') throw new SimError(9723);
  if (m.id.length > CLIENT_CONFIG_LIMITS.maxMdmIdLength) throw new SimError(9724);
  if (m.name.length > CLIENT_CONFIG_LIMITS.maxMdmNameLength) throw new SimError(9725);
  if (m.metadata.length > CLIENT_CONFIG_LIMITS.maxMdmMetadataLength) throw new SimError(9713);
  return { id: m.id, name: m.name, metadata: m.metadata };
}

export function validateClientConfig(body: unknown): ClientConfigRequest {
  const b = record(body, 9602);
  const out: ClientConfigRequest = {};
  if (b.mdmInfo !== undefined) out.mdmInfo = validateMdmInfo(b.mdmInfo);
  const url = b.notificationUrl;
  const token = b.notificationAuthToken;
  if (url !== undefined || token !== undefined) {
    if (typeof url !== 'string' || url === '' || typeof token !== 'string' || token === '') throw new SimError(9710);
    if (url.length > CLIENT_CONFIG_LIMITS.maxNotificationLength || token.length > CLIENT_CONFIG_LIMITS.maxNotificationLength) throw new SimError(9711);
    if (!/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(url)) throw new SimError(9712);
    out.notificationUrl = url;
    out.notificationAuthToken = token;
  }
  if (b.notificationTypes !== undefined) {
    const types = b.notificationTypes;
    if (!Array.isArray(types) || types.some((t) => !NOTIFICATION_TYPES.includes(t as string))) throw new SimError(9602);
    out.notificationTypes = types as string[];
  }
  return out;
}
