/** The synthetic district's live state as a simulator state, so benchmarks can serve it over HTTP. */
import type { LiveState } from '../src/live/types.js';
import type { SimState } from '../src/sim/state.js';

export function simStateOf(live: LiveState): SimState {
  return {
    uId: live.uId,
    locationName: live.locationName ?? 'District',
    ...(live.mdmInfo && { mdmInfo: live.mdmInfo }),
    limits: live.limits,
    assets: live.assets.map((a) => ({
      adamId: a.adamId,
      pricingParam: a.pricingParam,
      productType: a.productType,
      totalCount: a.totalCount,
      deviceAssignable: a.deviceAssignable,
      revocable: a.revocable,
    })),
    assignments: Object.fromEntries([...live.assignments].map(([k, h]) => [k, { users: h.users, devices: h.devices }])),
    users: live.users.map((u) => ({ ...u })),
  };
}
