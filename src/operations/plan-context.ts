/**
 * What a location's plan shows beside its requests (plan/types.ts PlanContext): the token's own
 * expiry, read from the token the client holds, and the assets' names (asset-names.ts).
 */
import type { VppClient } from '../api/index.js';
import type { DesiredState } from '../config/types.js';
import type { LiveState } from '../live/types.js';
import type { PlanContext, TokenContext } from '../plan/types.js';
import { assetNames } from './asset-names.js';

/** A plan's context as the operations make it: always with the token. */
export type LocationContext = PlanContext & { token: TokenContext };

export async function planContext(api: VppClient, live: LiveState, desired: DesiredState, stateDir: string | undefined): Promise<LocationContext> {
  const now = Date.now();
  const { names, problem } = await assetNames(api, live, desired, { ...(stateDir !== undefined && { stateDir }), now });
  return {
    token: { orgName: api.org.orgName, expDate: api.org.expDate.toISOString(), now },
    names,
    ...(problem !== undefined && { namesProblem: problem }),
  };
}
