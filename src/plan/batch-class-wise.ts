/**
 * The class-wise packing: every class gets its whole item set in its own requests, cut by the
 * limits. The obvious cover, and the one batching must never be worse than.
 */
import { blocksOfClasses, type Component } from './batch-components.js';
import type { Part } from './batch-parts.js';

export function classWiseCover(comp: Component): Part[] {
  const blocks = blocksOfClasses(comp);
  return comp.classes.map((c, k) => ({ blocks: blocks[k]!, classes: [k], items: c.items.length, users: c.users.length, devices: c.devices.length }));
}
