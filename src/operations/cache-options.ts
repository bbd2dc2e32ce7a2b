/** Where a location's live-state cache is, and how a cache that cannot be used is told: as a warning of that location. */
import { cacheFile, type CachedReadOptions } from '../live/index.js';
import type { LocationRef, OnEvent } from './events.js';

export function cacheOptions(stateDir: string, location: LocationRef, onEvent: OnEvent | undefined): Pick<CachedReadOptions, 'cacheFile' | 'onNotice'> {
  return {
    cacheFile: (uId) => cacheFile(stateDir, uId),
    onNotice: (message) => onEvent?.({ type: 'warning', location, message }),
  };
}
