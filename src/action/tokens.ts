/**
 * The first thing the action does: learn from the location files which environment variables hold
 * sTokens, and mask every one that is set before any other line is printed. Also tells which are
 * missing, which is how a run without secrets (a fork, an unconfigured repository) is recognised.
 *
 * The `token` input serves a job that handles one location (a matrix job: `token: ${{
 * secrets[matrix.tokenEnv] }}`): it is masked first, then put under the variable that location's
 * file names, so each job holds its own location's secret and no other.
 */
import { DEFAULT_TOKEN_ENV, loadDesiredStates } from '../config/index.js';
import type { Runner } from './runner.js';

export interface LocationToken {
  name: string;
  source: string;
  tokenEnv: string;
}

export async function maskLocationTokens(paths: string[], runner: Runner, token = ''): Promise<{ missing: LocationToken[] }> {
  if (token) runner.mask(token);
  const { states } = await loadDesiredStates(paths);
  if (token) {
    if (states.length !== 1) {
      throw new Error(`The token input serves one location, but ${paths.join(', ')} holds ${states.length}: give each location its own job (path: one file), or map each token under env.`);
    }
    runner.env[states[0]!.location.tokenEnv] = token;
  }
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
