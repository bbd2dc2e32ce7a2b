import { Document } from 'yaml';
import { DEFAULT_TOKEN_ENV } from '../config/token-check.js';
import type { MdmInfo } from '../api/types.js';
import type { LiveState } from '../live/types.js';
import { assetKey } from '../live/types.js';
import type { AssetName } from '../plan/types.js';
import { plural } from '../shared/plural.js';
import { compareStrings } from '../shared/sorted-ids.js';
import { visibleId, visibleText } from '../shared/visible-text.js';
import { findCohorts, type AssetMembers } from './cohorts.js';
import { importSubscriptions, type ImportedSubscription } from './subscription-seats.js';
import { ids, map, quoted, seq } from './yaml-nodes.js';

export interface ImportOptions {
  /** location.name; default: the location name Apple reports, else `location <uId>`. */
  name?: string;
  /** NAME of the environment variable that will hold the sToken; default VPP_TOKEN. */
  tokenEnv?: string;
  /**
   * location.mdm: this installation's identity (see identity.ts), none by default. Never the
   * claim the location carries, unless that is proven to be ours.
   */
  mdm?: MdmInfo;
  /** The other installation claiming the location, named in a comment above location.mdm. */
  claimedBy?: MdmInfo;
  /** Schema path for editors (first-line yaml-language-server comment); false leaves the line out. */
  schemaPath?: string | false;
  /** Store names by adamId (content metadata lookup), written as each asset's `name:`. */
  names?: ReadonlyMap<string, AssetName>;
}

export const DEFAULT_SCHEMA_PATH = './schemas/vppctl.schema.json';

/** Names in comments are capped so one odd subscription cannot add a thousand-name line. */
const NAMES_IN_COMMENT = 10;

function compareAdamIds(a: string, b: string): number {
  // All-digit ids: shorter is smaller, so assets come out in numeric order.
  return a.length - b.length || compareStrings(a, b);
}

function headerComment(live: LiveState, schemaPath: string | false, mdm: MdmInfo | undefined): string {
  const lines = [
    ...(schemaPath === false ? [] : [` yaml-language-server: $schema=${schemaPath}`]),
    ` Imported by \`vppctl import\` from the live location${live.locationName ? ` "${visibleText(live.locationName)}"` : ''} (uId ${visibleId(live.uId)}).`,
    ' Planning this file against the same location reports no changes.',
    " Names are the store's (Apple's content metadata lookup); an asset the store did not name carries a",
    ' comment with its adamId: look it up in Apple School Manager or Apple Business Manager and add `name:`.',
    ' Groups set-01, set-02… are users and devices holding exactly the same apps and books',
    ' (largest first); rename them to what they are (a grade, a cart) with find-and-replace.',
    ...(mdm === undefined && live.mdmInfo === undefined
      ? [' No installation claims the location. To claim it for this one, add location.mdm (id: a new UUID,', ' name: vppctl): the next apply claims it, and other installations see the claim.']
      : []),
  ];
  return lines.join('\n');
}

function claimComment(claimedBy: MdmInfo | undefined): string | undefined {
  if (claimedBy === undefined) return undefined;
  return [
    ` The location is claimed by ${visibleText(claimedBy.name)} (mdmInfo.id ${visibleId(claimedBy.id)}), another installation.`,
    ' This is this installation\'s own identity: the first plan shows the take-over, and apply needs --take-over.',
    ` If ${visibleId(claimedBy.id)} is in fact this installation's id, write it here instead.`,
  ].join('\n');
}

function namesComment(names: readonly string[]): string {
  // Apple's text in a comment: a line break in it would end the comment and write YAML.
  const shown = names.slice(0, NAMES_IN_COMMENT).map(visibleId).join(', ');
  return names.length > NAMES_IN_COMMENT ? `${shown}, and ${names.length - NAMES_IN_COMMENT} more` : shown;
}

/** What the seats that differ from `renewing` do: they expire when new seats renew, and the other way round. */
function seatVerb(count: number, renewing: boolean): string {
  const verb = renewing ? 'expire' : 'renew';
  return `${count === 1 ? `${verb}s` : verb} (renewing: ${!renewing})`;
}

function subscriptionNode(s: ImportedSubscription) {
  const comment =
    s.otherwise.length === 0
      ? undefined
      : ` renewing sets what new seats get; ${plural(s.otherwise.length, 'seat')} ${seatVerb(s.otherwise.length, s.renewing)} and ${s.otherwise.length === 1 ? 'is' : 'are'} kept as ${s.otherwise.length === 1 ? 'it is' : 'they are'}: ${namesComment(s.otherwise)}`;
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
  const mdm = opts.mdm;

  const root = map([
    ['version', 1],
    [
      'location',
      map([
        ['name', opts.name || live.locationName || `location ${live.uId}`],
        ['token', opts.tokenEnv ?? DEFAULT_TOKEN_ENV],
        ['mdm', mdm && map([['id', mdm.id], ['name', mdm.name], ['metadata', mdm.metadata]], { comment: claimComment(opts.claimedBy) })],
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
              const name = opts.names?.get(a.adamId)?.name;
              const lookUp = name === undefined ? `, name: look up adamId ${visibleId(a.adamId)} in Apple School Manager or Apple Business Manager` : '';
              return map(
                [
                  ['adamId', quoted(a.adamId)],
                  ['name', name],
                  ['pricingParam', a.pricingParam],
                  ['groups', ids(m.groups)],
                  ['users', ids(m.users)],
                  ['devices', ids(m.devices)],
                ],
                {
                  comment: ` ${visibleText(String(a.productType))}${lookUp}${held ? '' : ' (nobody holds it)'}`,
                },
              );
            }),
          ),
    ],
    ['subscriptions', subscriptions.length === 0 ? undefined : seq(subscriptions.map(subscriptionNode))],
  ]);

  const doc = new Document();
  doc.contents = root;
  doc.commentBefore = headerComment(live, opts.schemaPath ?? DEFAULT_SCHEMA_PATH, mdm);
  return doc.toString({ lineWidth: 0 });
}
