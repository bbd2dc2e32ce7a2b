/**
 * A cover being improved, indexed by class and by block, that keeps itself tidy: two parts with the
 * same blocks become one (their classes are disjoint, and one cut of the union never costs more than
 * two), and so do two parts with the same classes (their blocks are disjoint, likewise).
 */
import type { Component } from './batch-components.js';
import type { Part } from './batch-parts.js';

export class CoverIndex {
  /** Part ids holding each class, and each block. */
  readonly ofClass: Set<number>[];
  readonly ofBlock: Set<number>[];
  private readonly slots: (Part | undefined)[] = [];
  private readonly byBlocks = new Map<string, number[]>();
  private readonly byClasses = new Map<string, number[]>();
  private readonly marks: Uint8Array;

  constructor(comp: Component, parts: readonly Part[]) {
    this.ofClass = comp.classes.map(() => new Set<number>());
    this.ofBlock = comp.blocks.map(() => new Set<number>());
    this.marks = new Uint8Array(comp.blocks.length);
    this.settle(parts.map((p) => this.add(p)));
  }

  part(id: number): Part {
    const p = this.slots[id];
    if (p === undefined) throw new Error(`part ${id} is gone`);
    return p;
  }

  parts(): Part[] {
    return this.slots.filter((p): p is Part => p !== undefined);
  }

  add(p: Part): number {
    const id = this.slots.push(p) - 1;
    this.index(id, p);
    return id;
  }

  replace(id: number, p: Part): number {
    this.unindex(id, this.part(id));
    this.slots[id] = p;
    this.index(id, p);
    return id;
  }

  drop(id: number): void {
    this.unindex(id, this.part(id));
    this.slots[id] = undefined;
  }

  /** Flags `blocks` in a shared array (1 = flagged) until `unmark`. */
  mark(blocks: readonly number[]): Uint8Array {
    for (const b of blocks) this.marks[b] = 1;
    return this.marks;
  }

  unmark(blocks: readonly number[]): void {
    for (const b of blocks) this.marks[b] = 0;
  }

  /** Merges parts sharing blocks or classes with the parts `ids`, until none do. */
  settle(ids: readonly number[]): void {
    const queue = [...ids];
    while (queue.length > 0) {
      const id = queue.pop()!;
      const p = this.slots[id];
      if (p === undefined) continue;
      const sameBlocks = this.byBlocks.get(p.blocks.join(','))!.find((o) => o !== id);
      if (sameBlocks !== undefined) {
        const o = this.part(sameBlocks);
        this.drop(sameBlocks);
        queue.push(this.replace(id, { ...p, classes: union(p.classes, o.classes), users: p.users + o.users, devices: p.devices + o.devices }));
        continue;
      }
      const sameClasses = this.byClasses.get(p.classes.join(','))!.find((o) => o !== id);
      if (sameClasses !== undefined) {
        const o = this.part(sameClasses);
        this.drop(sameClasses);
        queue.push(this.replace(id, { ...p, blocks: union(p.blocks, o.blocks), items: p.items + o.items }));
      }
    }
  }

  private index(id: number, p: Part): void {
    for (const k of p.classes) this.ofClass[k]!.add(id);
    for (const b of p.blocks) this.ofBlock[b]!.add(id);
    push(this.byBlocks, p.blocks.join(','), id);
    push(this.byClasses, p.classes.join(','), id);
  }

  private unindex(id: number, p: Part): void {
    for (const k of p.classes) this.ofClass[k]!.delete(id);
    for (const b of p.blocks) this.ofBlock[b]!.delete(id);
    pull(this.byBlocks, p.blocks.join(','), id);
    pull(this.byClasses, p.classes.join(','), id);
  }
}

const union = (a: readonly number[], b: readonly number[]): number[] => [...a, ...b].sort((x, y) => x - y);

function push(m: Map<string, number[]>, key: string, id: number): void {
  const ids = m.get(key);
  if (ids === undefined) m.set(key, [id]);
  else ids.push(id);
}

function pull(m: Map<string, number[]>, key: string, id: number): void {
  const ids = m.get(key)!;
  if (ids.length === 1) m.delete(key);
  else ids.splice(ids.indexOf(id), 1);
}
