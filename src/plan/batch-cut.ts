/**
 * Where a chosen cover becomes requests: each group's items are cut by maxAssets and its targets
 * split evenly by the user and device limits (a group of 1,200 users goes as two requests of 600,
 * not 1,000 and 200), so every request stays inside the location's current limits.
 */
import type { BatchLimits, Biclique } from './batch.js';
import { targetChunks, type Group, type TargetClass } from './batch-groups.js';
import { chunk, splitEven } from '../shared/chunk.js';

export function cutGroups(groups: readonly Group[], classes: readonly TargetClass[], l: BatchLimits): Biclique[] {
  const out: Biclique[] = [];
  for (const g of groups) {
    const users = g.classes.flatMap((k) => classes[k]!.users).sort();
    const devices = g.classes.flatMap((k) => classes[k]!.devices).sort();
    const n = targetChunks(users.length, devices.length, l);
    const userParts = splitEven(users, n);
    const deviceParts = splitEven(devices, n);
    for (const items of chunk(g.items, l.maxItems)) {
      for (let i = 0; i < n; i++) {
        if (userParts[i]!.length + deviceParts[i]!.length > 0) out.push({ items, users: userParts[i]!, devices: deviceParts[i]! });
      }
    }
  }
  return out;
}
