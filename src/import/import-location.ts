import { Document } from 'yaml';
import { DEFAULT_TOKEN_ENV } from '../config/token-check.js';
import type { LiveState } from '../live/types.js';
import { assetKey } from '../live/types.js';
import { compareStrings } from '../shared/sorted-ids.js';
import { findCohorts, type AssetMembers } from './cohorts.js';
import { importSubscriptions, type ImportedSubscription } from './subscription-seats.js';
import { ids, map, quoted, seq } from './yaml-nodes.js';

export interface ImportOptions {
  /** location.name; default: the location name Apple reports, else `location <uId>`. */
  name?: string;
  /** NAME of the environment variable that will hold the sToken; default VPP_TOKEN. */
  tokenEnv?: string;
  /** location.mdm; default: the mdmInfo the location carries now (none when unclaimed). */
  mdm?: { id: string; name: string; metadata?: string };
  /** Schema path for editors (first-line yaml-language-server comment); false leaves the line out. */
  schemaPath?: string | false;
}

export const DEFAULT_SCHEMA_PATH = './schemas/vppctl.schema.json';

/** Names in comments are capped so one odd subscription cannot add a thousand-name line. */
const NAMES_IN_COMMENT = 10;

function compareAdamIds(a: string, b: string): number {
  // All-digit ids: shorter is smaller, so assets come out in numeric order.
  return a.length - b.length || compareStrings(a, b);
}

function headerComment(live: LiveState, schemaPath: string | false): string {
  const lines = [
    ...(schemaPath === false ? [] : [` yaml-language-server: $schema=${schemaPath}`]),
    ` Imported by \`vppctl import\` from the live location${live.locationName ? ` "${live.locationName}"` : ''} (uId ${live.uId}).`,
    ' Planning this file against the same location reports no changes.',
    " Apple's API does not return app and book names: each asset carries a comment with its adamId;",
    ' look it up in Apple School Manager or Apple Business Manager and add `name:` to the asset.',
    ' Groups set-01, set-02… are users and devices holding exactly the same apps and books',
    ' (largest first); rename them to what they are (a grade, a cart) with find-and-replace.',
  ];
  return lines.join('\n');
}

function namesComment(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_IN_COMMENT).join(', ');
  return names.length > NAMES_IN_COMMENT ? `${shown}, and ${names.length - NAMES_IN_COMMENT} more` : shown;
}

function subscriptionNode(s: ImportedSubscription) {
  const comment =
    s.otherwise.length === 0
      ? undefined
      : ` renewing sets what new seats get; ${s.otherwise.length} seat(s) ${s.renewing ? 'expire (renewing: false)' : 'renew (renewing: true)'} and are kept as they are: ${namesComment(s.otherwise)}`;
  return map(
    [
      ['adamId', s.adamId],
      ['renewing', s.renewing],
      ['groups', ids(s.groups)],
      ['users', ids(s.users)],
    ],
    comment === undefined ? {} : { comment },
  );
}

const NO_MEMBERS: AssetMembers = { groups: [], users: [], devices: [] };

/**
 * The desired-state YAML of one location, matching `live` exactly: every registered user,
 * every owned app and book with its current holders, every subscription with its seat holders.
 * Pure (LiveState in, text out) and deterministic: the same live content gives the same bytes,
 * whatever order it was read in, so re-importing gives a reviewable diff.
 */
export function importLocation(live: LiveState, opts: ImportOptions = {}): string {
  const assets = [...live.assets].sort(
    (a, b) => compareAdamIds(a.adamId, b.adamId) || compareStrings(a.pricingParam, b.pricingParam),
  );
  const { groups, members } = findCohorts(assets, live.assignments);
  const subscriptions = importSubscriptions(live, groups);
  const users = [...live.users].sort((a, b) => compareStrings(a.clientUserId, b.clientUserId));
  const mdm = opts.mdm ?? live.mdmInfo;

  const root = map([
    ['version', 1],
    [
      'location',
      map([
        ['name', opts.name || live.locationName || `location ${live.uId}`],
        ['token', opts.tokenEnv ?? DEFAULT_TOKEN_ENV],
        ['mdm', mdm && map([['id', mdm.id], ['name', mdm.name], ['metadata', mdm.metadata]])],
      ]),
    ],
    ['policy', map([['prune', true], ['scope', 'declared']])],
    [
      'users',
      users.length === 0
        ? undefined
        : seq(
            users.map((u) =>
              map(
                [
                  ['clientUserId', u.clientUserId],
                  ['managedAppleId', u.managedAppleId],
                  ['email', u.email],
                ],
                { flow: true },
              ),
            ),
          ),
    ],
    [
      'groups',
      groups.length === 0
        ? undefined
        : map(groups.map((g) => [g.name, map([['users', ids(g.users)], ['devices', ids(g.devices)]])])),
    ],
    [
      'assets',
      assets.length === 0
        ? undefined
        : seq(
            assets.map((a) => {
              const m = members.get(assetKey(a.adamId, a.pricingParam)) ?? NO_MEMBERS;
              const held = m.groups.length + m.users.length + m.devices.length > 0;
              return map(
                [
                  ['adamId', quoted(a.adamId)],
                  ['pricingParam', a.pricingParam],
                  ['groups', ids(m.groups)],
                  ['users', ids(m.users)],
                  ['devices', ids(m.devices)],
                ],
                {
                  comment: ` ${a.productType}, name: look up adamId ${a.adamId} in Apple School Manager or Apple Business Manager${held ? '' : ' (nobody holds it)'}`,
                },
              );
            }),
          ),
    ],
    ['subscriptions', subscriptions.length === 0 ? undefined : seq(subscriptions.map(subscriptionNode))],
  ]);

  const doc = new Document();
  doc.contents = root;
  doc.commentBefore = headerComment(live, opts.schemaPath ?? DEFAULT_SCHEMA_PATH);
  return doc.toString({ lineWidth: 0 });
}
