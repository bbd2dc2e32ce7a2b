import type { VppApi } from '../api/types.js';
import type { LiveState } from './types.js';
import { fingerprint } from './fingerprint.js';
import { readLocation } from './read-location.js';
import type { OnProgress } from './progress.js';

/** Reads the whole live location once: config, limits, assets, assignments, users, subscriptions. */
export async function snapshot(api: VppApi, opts: { onProgress?: OnProgress } = {}): Promise<LiveState> {
  const { read } = await readLocation(api, opts.onProgress === undefined ? {} : { onProgress: opts.onProgress });
  return { ...read, fingerprint: fingerprint(read) };
}

/**
 * Re-reads a location after apply, to verify it converged. Users are read incrementally
 * (GET /users?sinceVersionId=) and applied onto `previous.users`: Apple reports every changed
 * user entry, including ones that were retired, so nothing is missed; if Apple refuses the
 * versionId (9721) users are read in full. Assignments are read in full even though GET
 * /assignments accepts sinceVersionId too: whether it reports removed assignments is not
 * documented, and verification must see removals. Assets (their counts move with every
 * assignment) and subscriptions (no sinceVersionId) are read in full.
 */
export async function refreshSnapshot(api: VppApi, previous: LiveState): Promise<LiveState> {
  const { read } = await readLocation(api, {
    usersSince: { versionId: previous.versions.users, base: previous.users },
  });
  return { ...read, fingerprint: fingerprint(read) };
}
