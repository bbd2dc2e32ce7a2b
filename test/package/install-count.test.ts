/**
 * `npx vppctl` installs vppctl and its production dependencies: the issue's budget is 30 packages.
 * Counted from package-lock.json, offline and deterministic: the packages npm resolves for the
 * production dependency tree (`npm install --omit=dev`), found the way Node finds them (the
 * nearest node_modules up the tree). The same count by a real install of the packed tarball needs
 * the registry; CONTRIBUTING.md says how to check it by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/run-cli.js';

const BUDGET = 30;

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  devOptional?: boolean;
}

/** Lock paths of every package the production tree needs, vppctl itself excluded. */
export function productionPackages(packages: Record<string, LockEntry>): string[] {
  const needed = new Set<string>();
  const find = (from: string, name: string): string | undefined => {
    for (let base = from; ; ) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!base) return undefined;
      const up = base.lastIndexOf('/node_modules/');
      base = up < 0 ? '' : base.slice(0, up);
    }
  };
  const visit = (at: string): void => {
    const entry = packages[at]!;
    // npm installs a peer dependency unless it is marked optional; an optional one only when
    // something else needs it (msw's typescript peer is there only for the developer's tsc).
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((n) => !entry.peerDependenciesMeta?.[n]?.optional);
    const wants: [string, boolean][] = [
      ...[...Object.keys(entry.dependencies ?? {}), ...peers].map((n): [string, boolean] => [n, true]),
      ...Object.keys(entry.optionalDependencies ?? {}).map((n): [string, boolean] => [n, false]),
    ];
    for (const [name, required] of wants) {
      const found = find(at, name);
      if (!found) {
        if (required) throw new Error(`${at || 'vppctl'} needs ${name}, which package-lock.json does not hold`);
        continue;
      }
      if (needed.has(found)) continue;
      needed.add(found);
      visit(found);
    }
  };
  visit('');
  return [...needed].sort();
}

describe('production install', () => {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const production = productionPackages(lock.packages);

  it('agrees with npm on which packages are not for development only', () => {
    // devOptional: needed by the development tree, and only an optional peer of the production one.
    const npmSays = Object.keys(lock.packages).filter((p) => p !== '' && !lock.packages[p]!.dev && !lock.packages[p]!.devOptional);
    expect(production).toEqual(npmSays.sort());
  });

  it(`installs at most ${BUDGET} packages, vppctl included`, () => {
    const names = production.map((p) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(production.length + 1, names.join(', ')).toBeLessThanOrEqual(BUDGET);
  });
});
