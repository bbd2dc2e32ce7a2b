/**
 * Validating location files: load and check them, nothing sent anywhere and no token needed. Also
 * the list of location files a workflow feeds to `strategy.matrix`, one job per location.
 */
import { loadDesiredStates } from '../config/index.js';
import type { Diagnostic } from '../config/types.js';
import { stateFileKey } from '../shared/state-dir.js';

/** One location file, as a matrix job gets it. */
export interface LocationFile {
  /** The file, as given (relative to the folder vppctl runs in). */
  file: string;
  name: string;
  tokenEnv: string;
  /** The file as a name part safe for artifact names, concurrency groups and file names. */
  key: string;
}

export interface ValidateRun {
  valid: boolean;
  diagnostics: Diagnostic[];
  /** Every file that loaded without errors, in order. */
  locations: LocationFile[];
}

export async function validateLocations(paths: string[], opts: { parallel?: number } = {}): Promise<ValidateRun> {
  const { states, diagnostics } = await loadDesiredStates(paths.length > 0 ? paths : ['.'], opts.parallel === undefined ? {} : { parallel: opts.parallel });
  return {
    valid: !diagnostics.some((d) => d.severity === 'error'),
    diagnostics,
    locations: states.map((s) => ({ file: s.source, name: s.location.name, tokenEnv: s.location.tokenEnv, key: stateFileKey(s.source) })),
  };
}
