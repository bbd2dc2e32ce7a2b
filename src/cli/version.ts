/**
 * vppctl's own version, for `vppctl --version`: read from the package.json that ships beside
 * dist/ (the one npm installed), so it can never disagree with the package and needs no network.
 */
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
