/**
 * Which installation an imported file speaks for (location.mdm). The claim guard refuses writes
 * to a location claimed by an id other than the file's, so a file is only as safe as that id:
 * import never copies another installation's claim into it.
 *
 *  - Claimed by another installation (any id this import cannot prove is ours): a warning naming
 *    it, and a new identity for this installation, so the first plan shows the take-over and
 *    applying needs --take-over. A claim named "vppctl" is no proof: another repository's vppctl
 *    is another installation.
 *  - Claimed by our own identity: the one the file being replaced (`import --out DIR` over its
 *    earlier import) already names. That is the only proof of "ours" there is; re-importing into
 *    the same folder therefore keeps the id, and gives the same bytes.
 *  - Unclaimed: no mdm block, unless the file being replaced names one. Nothing is claimed, the
 *    plan stays empty, and a later claim by another installation still stops every write (a file
 *    without location.mdm never writes to a claimed location); add location.mdm to claim it.
 */
import { randomUUID } from 'node:crypto';
import type { MdmInfo } from '../api/types.js';
import { visibleId, visibleText } from '../shared/visible-text.js';

/** The mdm name vppctl writes for a new identity. */
export const OUR_MDM_NAME = 'vppctl';

export interface ImportIdentity {
  /** location.mdm to write; none when the location is unclaimed and no earlier file named one. */
  mdm?: MdmInfo;
  /** The other installation that claims the location, whose claim the file does not copy. */
  claimedBy?: MdmInfo;
  /** For the person running import, when claimedBy is set. */
  warning?: string;
}

/**
 * `live`: the location's claim now. `ours`: location.mdm of the file this import replaces, if any.
 * `location`: the location's name, for the warning.
 */
export function importIdentity(live: MdmInfo | undefined, ours: MdmInfo | undefined, location: string, newId: () => string = randomUUID): ImportIdentity {
  if (live === undefined || live.id === ours?.id) return ours === undefined ? {} : { mdm: ours };
  const mdm = ours ?? { id: newId(), name: OUR_MDM_NAME };
  const theirs = `${visibleText(live.name)} (mdmInfo.id ${visibleId(live.id)})`;
  return {
    mdm,
    claimedBy: live,
    warning:
      `${visibleText(location)} is claimed by another installation, ${theirs}. The imported file does not copy that claim: ` +
      `it names ${ours === undefined ? 'a new identity for this installation' : 'the identity of the file it replaces'} (location.mdm.id ${mdm.id}), ` +
      `so the first plan shows the take-over and applying it needs --take-over. Take over only if ${visibleText(live.name)} no longer manages this location; ` +
      `if ${visibleId(live.id)} is this installation's own id, set location.mdm.id to it instead.`,
  };
}
