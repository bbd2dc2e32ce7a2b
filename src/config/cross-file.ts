/**
 * Checks across the files loaded together: two files for the same location (the same token
 * variable) would fight each other, each undoing the other's changes. The same mdm id in several
 * files is expected: one installation claims every location it manages with its one id.
 */
import type { DesiredState, Diagnostic, SourceRef } from './types.js';
import { show } from './wording.js';

export interface LocationClaim {
  state: DesiredState;
  /** Where the token variable is named (the `location` key when the default is used). */
  tokenAt: SourceRef;
}

/** An error on each file after the first that names the same location as an earlier one. */
export function sameLocationTwice(claims: readonly LocationClaim[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byToken = new Map<string, string>();
  for (const { state, tokenAt } of claims) {
    const tokenEnv = state.location.tokenEnv;
    const earlierToken = byToken.get(tokenEnv);
    if (earlierToken !== undefined) {
      diagnostics.push({
        ...tokenAt,
        severity: 'error',
        message: `this file uses the same token variable ${show(tokenEnv)} as ${earlierToken}: both would manage one location and undo each other`,
        hint: 'one location per file: give each location its own token variable (for example VPP_TOKEN_CENTRAL), or merge the files',
      });
    } else {
      byToken.set(tokenEnv, state.source);
    }
  }
  return diagnostics;
}
