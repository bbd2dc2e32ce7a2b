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
