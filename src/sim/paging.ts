/**
 * The two pagination styles: zero-based page indexes (assets, assignments, users) and opaque
 * cursors (subscription endpoints). Both slice an already-filtered list.
 */
import { SimError } from './errors.js';

export interface IndexPage<T> {
  items: T[];
  currentPageIndex: number;
  nextPageIndex?: number;
  size: number;
  totalPages: number;
}

/** A list, or anything that can hand out a stretch of one (the assignments view). */
export interface Sliceable<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}

/** An empty result is one empty page (pageIndex 0 stays valid); out of range is 9650. */
export function pageByIndex<T>(all: Sliceable<T>, pageIndex: number, pageSize: number): IndexPage<T> {
  const totalPages = Math.max(1, Math.ceil(all.length / pageSize));
  if (!Number.isInteger(pageIndex) || pageIndex < 0 || pageIndex >= totalPages) throw new SimError(9650);
  const items = all.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
  return {
    items,
    currentPageIndex: pageIndex,
    ...(pageIndex + 1 < totalPages && { nextPageIndex: pageIndex + 1 }),
    size: items.length,
    totalPages,
  };
}

export interface CursorPage<T> {
  items: T[];
  nextCursor?: string;
}

/** Cursors carry the offset and the endpoint's name, so a cursor from another endpoint is 9812. */
export function pageByCursor<T>(all: readonly T[], cursor: string | undefined, pageSize: number, scope: string): CursorPage<T> {
  const offset = cursor === undefined ? 0 : decodeCursor(cursor, scope);
  const items = all.slice(offset, offset + pageSize);
  const next = offset + items.length;
  return { items, ...(next < all.length && { nextCursor: Buffer.from(`${scope}:${next}`).toString('base64') }) };
}

function decodeCursor(cursor: string, scope: string): number {
  const m = /^(.+):(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m || m[1] !== scope) throw new SimError(9812);
  return Number(m[2]);
}
