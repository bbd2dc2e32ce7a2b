/**
 * Whose location this is. A location claimed by another installation (its mdmInfo.id differs from
 * the file's location.mdm.id, or the file names no mdm at all) is refused unless the user takes it
 * over; an unclaimed location is claimed when the file names an mdm. Either claim is a
 * client/config request sent before anything else.
 */
import type { MdmInfo } from '../api/types.js';
import { visibleId, visibleText } from '../shared/visible-text.js';
import type { DesiredState } from '../config/types.js';
import type { LiveState } from '../live/types.js';
import type { LocationPlan, PlanMessage, PlanOptions, PlannedRequest } from './types.js';

export interface ClaimDecision {
  claim?: LocationPlan['changes']['claim'];
  request?: PlannedRequest;
  errors: PlanMessage[];
  warnings: PlanMessage[];
}

export function decideClaim(desired: DesiredState, live: LiveState, options: PlanOptions): ClaimDecision {
  const ours = desired.location.mdm;
  const theirs = live.mdmInfo;
  if (theirs === undefined) return ours === undefined ? { errors: [], warnings: [] } : claimAs(ours);
  if (ours !== undefined && theirs.id === ours.id) return { errors: [], warnings: [] };
  // Apple's text, written by whoever claimed the location: shown escaped.
  const holder = `${visibleText(theirs.name)} (id ${visibleId(theirs.id)})`;
  if (ours === undefined) {
    return {
      errors: [
        {
          code: 'claimed-by-other-mdm',
          message: `location ${desired.location.name} is claimed by ${holder} and the file names no location.mdm. If that is this installation, set location.mdm.id to ${visibleId(theirs.id)}; to claim it, set location.mdm and pass --take-over.`,
        },
      ],
      warnings: [],
    };
  }
  if (!options.takeOver) {
    return {
      errors: [
        {
          code: 'claimed-by-other-mdm',
          message: `location ${desired.location.name} is claimed by ${holder}, not by this file's ${ours.name} (id ${ours.id}). Pass --take-over to claim it.`,
        },
      ],
      warnings: [],
    };
  }
  const decision = claimAs(ours, theirs);
  decision.warnings.push({ code: 'take-over', message: `location ${desired.location.name} is taken over from ${holder}.` });
  return decision;
}

/** Apple refuses an mdmInfo without all of id, name and metadata (9723), so metadata has a default. */
const DEFAULT_MDM_METADATA = 'vppctl';

function claimAs(ours: MdmInfo, from?: MdmInfo): ClaimDecision {
  const to: MdmInfo = { id: ours.id, name: ours.name, metadata: ours.metadata ?? DEFAULT_MDM_METADATA };
  return {
    claim: from === undefined ? { to } : { from, to },
    request: { endpoint: 'client/config', body: { mdmInfo: to } },
    errors: [],
    warnings: [],
  };
}
