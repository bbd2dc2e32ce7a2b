/**
 * Package config loads the desired state: the YAML files, one per location, that say which users
 * and devices should hold which apps, books and subscriptions. Nothing here talks to Apple.
 *
 * For each PATH (a file, or a folder: every *.yaml / *.yml in it, in name order), in this order:
 *
 *  1. Read the file (refused above 50 MB) and parse it as YAML. Duplicate keys are errors; aliases
 *     (`*name`) expand to at most 1000 nodes. An sToken pasted anywhere in the text is an error.
 *  2. Validate against schemas/vppctl.schema.json, the schema editors use for hover help.
 *  3. Read the roster files that member lists name (`users: {file: rosters/grade-5.csv, column: id}`),
 *     relative to the YAML file and inside the repository.
 *  4. Resolve: defaults filled (policy, pricingParam STDQ, renewing true), groups expanded
 *     (cycles are errors), members sorted and unique, duplicates and unknown groups reported.
 *     With policy.whenShort: prioritize, each asset and subscription also keeps its lists as
 *     written (ServingOrder) for the plan to serve in file order; `priority` names are checked.
 *     Users referenced but not declared are kept in `undeclaredUsers` for the plan to check
 *     against the live location; they are not an error here.
 *  5. Across files: two files naming the same token variable are an error on the second.
 *
 * A caller may pass `onLocation` to learn each file's location right after step 2, to start
 * reading it while the rosters load (off unless passed). Steps 3 and 4 pause every few
 * milliseconds so that such a read keeps being served.
 *
 * Every mistake of a file is reported at once, each at its file:line:col with a hint where the fix
 * is obvious. A file with errors yields no DesiredState; warnings do not block it.
 */
export { loadDesiredStates, type LoadOptions } from './load.js';
export type { LocationHeader } from './location-block.js';
export { formatDiagnostic, githubAnnotation } from './format.js';
export { SCHEMA_PATH } from './schema-check.js';
export { DEFAULT_TOKEN_ENV } from './token-check.js';
export * from './types.js';
