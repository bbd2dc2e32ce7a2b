/**
 * The first thing the action does: learn from the location files which environment variables hold
 * sTokens, and mask every one that is set before any other line is printed. Also tells which are
 * missing, which is how a run without secrets (a fork, an unconfigured repository) is recognised.
 */
import { DEFAULT_TOKEN_ENV, loadDesiredStates } from '../config/index.js';
import type { Runner } from './runner.js';

export interface LocationToken {
  name: string;
  source: string;
  tokenEnv: string;
}

export async function maskLocationTokens(paths: string[], runner: Runner): Promise<{ missing: LocationToken[] }> {
  const { states } = await loadDesiredStates(paths);
  const locations: LocationToken[] = states.map((s) => ({
    name: s.location.name,
    source: s.source,
    tokenEnv: s.location.tokenEnv,
  }));
  // A file that does not load never has its token read, but the default name is masked regardless.
  const names = new Set([DEFAULT_TOKEN_ENV, ...locations.map((l) => l.tokenEnv)]);
  for (const name of names) {
    const value = runner.env[name];
    if (value) runner.mask(value);
  }
  return { missing: locations.filter((l) => !runner.env[l.tokenEnv]) };
}
