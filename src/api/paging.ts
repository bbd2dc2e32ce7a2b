/**
 * Walking Apple's paged reads to the end.
 *
 * Page-index endpoints (assets, assignments, users): page 0 first, then the remaining pages in
 * parallel by `parallel` workers. The walk ends when every page up to the highest one announced
 * is read; announcements grow as pages report a larger totalPages or a nextPageIndex, so a data
 * set that grows mid-walk is read to its new end. A versionId different from page 0's (or a
 * 9650 page-out-of-range, which only a shrinking data set causes) means a write landed
 * mid-walk: the walk restarts from page 0, a bounded number of times.
 *
 * Pages go to `onPage` as they arrive, page 0 always first. A restarted walk hands over page 0
 * again, so a caller folding pages starts over whenever it sees currentPageIndex 0.
 *
 * Cursor endpoints (subscriptions) are walked in order, one page at a time, as Apple requires.
 */
import { VppApiError } from './errors.js';
import type { CursorResponse, PagedResponse } from './types.js';

export const MAX_PAGES = 100_000;
const DEFAULT_MAX_RESTARTS = 3;
const PAGE_OUT_OF_RANGE = 9650;

export interface IndexWalk<P extends PagedResponse> {
  endpoint: string;
  fetchPage: (pageIndex: number) => Promise<P>;
  onPage: (page: P) => void;
  parallel: number;
  maxRestarts?: number;
}

class DataSetChanged extends Error {}

export async function walkIndexPages<P extends PagedResponse>(walk: IndexWalk<P>): Promise<{ versionId: string }> {
  const maxRestarts = walk.maxRestarts ?? DEFAULT_MAX_RESTARTS;
  let lastChange = '';
  for (let restart = 0; restart <= maxRestarts; restart++) {
    try {
      return await walkOnce(walk);
    } catch (err) {
      if (!(err instanceof DataSetChanged)) throw err;
      lastChange = err.message;
    }
  }
  throw new VppApiError({
    endpoint: walk.endpoint,
    status: 200,
    retryable: true,
    reason: `the data changed while it was being read ${maxRestarts + 1} times in a row (last: ${lastChange}); try again when no other tool is writing to this location`,
  });
}

async function walkOnce<P extends PagedResponse>(walk: IndexWalk<P>): Promise<{ versionId: string }> {
  const first = await walk.fetchPage(0);
  const versionId = first.versionId;
  walk.onPage(first);
  let lastIndex = bounded(walk.endpoint, announcedLast(first, 0));
  let next = 1;
  let stopped = false;

  const worker = async (): Promise<void> => {
    while (!stopped && next <= lastIndex) {
      const index = next++;
      let page: P;
      try {
        page = await walk.fetchPage(index);
      } catch (err) {
        if (err instanceof VppApiError && err.errorNumber === PAGE_OUT_OF_RANGE) {
          throw new DataSetChanged(`page ${index} no longer exists`);
        }
        throw err;
      }
      if (stopped) return;
      if (page.versionId !== versionId) {
        throw new DataSetChanged(`versionId ${versionId} became ${page.versionId} at page ${index}`);
      }
      lastIndex = bounded(walk.endpoint, Math.max(lastIndex, announcedLast(page, index)));
      walk.onPage(page);
    }
  };

  const results = await Promise.allSettled(
    Array.from({ length: Math.max(1, walk.parallel) }, () =>
      worker().catch((err: unknown) => {
        stopped = true;
        throw err;
      }),
    ),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return { versionId };
}

function bounded(endpoint: string, lastIndex: number): number {
  if (lastIndex < MAX_PAGES) return lastIndex;
  throw new VppApiError({ endpoint, status: 200, retryable: false, reason: `more than ${MAX_PAGES} pages announced; refusing to walk them` });
}

/** The highest page index a page says exists; a page without nextPageIndex announces nothing beyond itself. */
function announcedLast(page: PagedResponse, index: number): number {
  if (page.nextPageIndex === undefined) return index;
  return Math.max(index, page.totalPages - 1, page.nextPageIndex);
}

export interface CursorWalk<P extends CursorResponse> {
  endpoint: string;
  fetchPage: (cursor: string | undefined) => Promise<P>;
  onPage: (page: P) => void;
}

export async function walkCursor<P extends CursorResponse>(walk: CursorWalk<P>): Promise<void> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await walk.fetchPage(cursor);
    walk.onPage(page);
    cursor = page.nextCursor;
    if (cursor === undefined || cursor === '') return;
    if (seen.has(cursor)) {
      throw new VppApiError({ endpoint: walk.endpoint, status: 200, retryable: false, reason: 'the server returned a cursor it had already returned; stopping instead of looping' });
    }
    seen.add(cursor);
  }
  throw new VppApiError({ endpoint: walk.endpoint, status: 200, retryable: false, reason: `more than ${MAX_PAGES} pages; refusing to walk further` });
}
