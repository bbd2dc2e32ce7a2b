/** The `location` block of a file: which location it manages and where that location's token is. */
import { entry } from './loose-data.js';
import { DEFAULT_TOKEN_ENV } from './token-check.js';
import type { DesiredState } from './types.js';

/** Read loosely: a block that failed the schema still yields a location (empty name, default token). */
export function locationOf(doc: unknown): DesiredState['location'] {
  const location = entry(entry(doc)?.location) ?? {};
  const mdm = entry(location.mdm);
  return {
    name: typeof location.name === 'string' ? location.name : '',
    tokenEnv: typeof location.token === 'string' ? location.token : DEFAULT_TOKEN_ENV,
    ...(mdm && typeof mdm.id === 'string' && typeof mdm.name === 'string'
      ? { mdm: { id: mdm.id, name: mdm.name, ...(typeof mdm.metadata === 'string' ? { metadata: mdm.metadata } : {}) } }
      : {}),
  };
}

/** What a caller needs to start reading the live location before the rest of the file is loaded. */
export interface LocationHeader {
  /** The file, as in DesiredState.source. */
  source: string;
  name: string;
  tokenEnv: string;
  mdmId?: string;
}
