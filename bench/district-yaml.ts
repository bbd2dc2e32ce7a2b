/**
 * Writes a resolved DesiredState back out as a desired-state YAML file, so benchmarks can run the
 * real CLI on the synthetic district. Every member list goes to a roster file beside the YAML (one
 * id per line), as a district exporting from its student information system would keep them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { DesiredState } from '../src/config/types.js';

/** Returns the path of the YAML file written into `dir`. */
export async function writeDesiredYaml(desired: DesiredState, dir: string): Promise<string> {
  await mkdir(path.join(dir, 'rosters'), { recursive: true });
  const roster = async (name: string, ids: readonly string[]): Promise<{ file: string } | undefined> => {
    if (ids.length === 0) return undefined;
    await writeFile(path.join(dir, 'rosters', name), `${ids.join('\n')}\n`);
    return { file: `rosters/${name}` };
  };
  const assets = [];
  for (const a of desired.assets) {
    const users = await roster(`${a.adamId}-${a.pricingParam}-users.txt`, a.users);
    const devices = await roster(`${a.adamId}-${a.pricingParam}-devices.txt`, a.devices);
    assets.push({ adamId: a.adamId, ...(a.name && { name: a.name }), pricingParam: a.pricingParam, ...(users && { users }), ...(devices && { devices }) });
  }
  if (desired.users.some((u) => u.email !== undefined || u.managedAppleId !== undefined)) {
    throw new Error('writeDesiredYaml writes users as a plain id list; users with email or managedAppleId are not supported');
  }
  const doc = {
    version: 1,
    location: { name: desired.location.name, token: desired.location.tokenEnv, ...(desired.location.mdm && { mdm: desired.location.mdm }) },
    policy: desired.policy,
    users: await roster('people.txt', desired.users.map((u) => u.clientUserId)),
    assets,
    subscriptions: desired.subscriptions.map((s) => ({ adamId: s.adamId, renewing: s.renewing, users: s.users })),
  };
  const file = path.join(dir, 'district.yaml');
  await writeFile(file, stringify(doc));
  return file;
}
