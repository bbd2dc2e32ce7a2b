/**
 * Import: writes the desired-state YAML that matches a live location as it is, to bootstrap a
 * repository (`vppctl import`). Planning the written file against the same location reports no
 * changes, except for a location another installation claims: its claim is never copied, so
 * that plan shows the take-over (identity.ts).
 *
 * What the file holds: the location (name, token variable VPP_TOKEN unless told otherwise, this
 * installation's identity when there is one to write), policy `prune: true` and `scope:
 * declared`, every registered user as Apple returns it, every app and book the location owns
 * with its holders, and every subscription with its seat holders.
 *
 * The file is compressed so it reads like the location's structure: users and devices that hold
 * exactly the same apps and books become one group (`set-01`, `set-02`…, largest first), and each
 * asset lists its groups, then the holders that fit no group. Apple does not return app names,
 * so each asset carries a comment with its adamId for the admin to look up.
 *
 * Output is deterministic (everything sorted, no dates), so re-importing later gives a diff
 * that shows what changed at the location.
 */
export { importLocation, DEFAULT_SCHEMA_PATH } from './import-location.js';
export { identityInFile } from './existing-identity.js';
export { importIdentity, OUR_MDM_NAME } from './identity.js';
export type { ImportIdentity } from './identity.js';
export type { ImportOptions } from './import-location.js';
