import { describe, expect, it } from 'vitest';
import { VppApiError } from '../../src/api/errors.js';
import { walkCursor, walkIndexPages } from '../../src/api/paging.js';
import type { GetSubscriptionsResponse, PagedResponse } from '../../src/api/types.js';

type Page = PagedResponse & { items: number[] };

/** A data set of `total()` pages at `version()`, read through a fake endpoint. */
function dataSet(total: () => number, version: () => string, onFetch: (index: number) => void = () => {}) {
  const fetched: number[] = [];
  const fetchPage = async (index: number): Promise<Page> => {
    fetched.push(index);
    onFetch(index);
    await new Promise((r) => setTimeout(r, 1));
    const totalPages = total();
    if (index >= totalPages) {
      throw new VppApiError({ endpoint: 'GET /x', status: 400, errorNumber: 9650, retryable: false, reason: 'bad page index' });
    }
    return {
      currentPageIndex: index,
      nextPageIndex: index + 1 < totalPages ? index + 1 : undefined,
      totalPages,
      size: 1,
      versionId: version(),
      items: [index],
    };
  };
  return { fetched, fetchPage };
}

describe('walkIndexPages', () => {
  it('reads every page once, page 0 first', async () => {
    const { fetched, fetchPage } = dataSet(() => 12, () => 'v1');
    const seen: number[] = [];
    const result = await walkIndexPages({ endpoint: 'GET /x', fetchPage, parallel: 5, onPage: (p) => seen.push(p.currentPageIndex) });
    expect(result.versionId).toBe('v1');
    expect(seen[0]).toBe(0);
    expect([...seen].sort((a, b) => a - b)).toEqual([...Array(12).keys()]);
    expect(fetched).toHaveLength(12);
  });

  it('follows totalPages growth to the page without nextPageIndex', async () => {
    let total = 3;
    const { fetchPage } = dataSet(() => total, () => 'v1', (index) => {
      if (index === 2) total = 7;
    });
    const seen: number[] = [];
    await walkIndexPages({ endpoint: 'GET /x', fetchPage, parallel: 5, onPage: (p) => seen.push(p.currentPageIndex) });
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('stops at a page 0 without nextPageIndex whatever totalPages says', async () => {
    const seen: number[] = [];
    await walkIndexPages<Page>({
      endpoint: 'GET /x',
      parallel: 5,
      fetchPage: async () => ({ currentPageIndex: 0, totalPages: 4, size: 0, versionId: 'v', items: [] }),
      onPage: (p) => seen.push(p.currentPageIndex),
    });
    expect(seen).toEqual([0]);
  });

  it('restarts from page 0 when versionId changes mid-walk', async () => {
    let version = 'v1';
    let fetches = 0;
    const { fetchPage } = dataSet(() => 6, () => version, () => {
      if (++fetches === 3) version = 'v2';
    });
    const seen: string[] = [];
    const result = await walkIndexPages({ endpoint: 'GET /x', fetchPage, parallel: 2, onPage: (p) => seen.push(`${p.versionId}:${p.currentPageIndex}`) });
    expect(result.versionId).toBe('v2');
    const restart = seen.indexOf('v2:0');
    expect(restart).toBeGreaterThan(0);
    expect(seen.slice(restart).map((s) => s.split(':')[0])).toEqual(Array(6).fill('v2'));
  });

  it('restarts when a page disappears (9650) and fails clearly after the bounded restarts', async () => {
    let version = 0;
    const { fetched, fetchPage } = dataSet(() => 4, () => `v${version}`, (index) => {
      if (index === 1) version++;
    });
    const walk = walkIndexPages({ endpoint: 'GET /assignments', fetchPage, parallel: 1, maxRestarts: 2, onPage: () => {} });
    await expect(walk).rejects.toThrow(/GET \/assignments: the data changed while it was being read 3 times/);
    expect(fetched.filter((i) => i === 0)).toHaveLength(3);
  });

  it('refuses an absurd totalPages before fetching past page 0', async () => {
    const fetched: number[] = [];
    const walk = walkIndexPages<Page>({
      endpoint: 'GET /x',
      parallel: 5,
      fetchPage: async (index) => {
        fetched.push(index);
        return { currentPageIndex: index, nextPageIndex: index + 1, totalPages: 10_000_000, size: 1, versionId: 'v', items: [] };
      },
      onPage: () => {},
    });
    await expect(walk).rejects.toThrow(/more than 100000 pages announced/);
    expect(fetched).toEqual([0]);
  });

  it('passes on other errors after the in-flight pages settle', async () => {
    let inFlight = 0;
    let maxAfterFailure = 0;
    let failed = false;
    const walk = walkIndexPages<Page>({
      endpoint: 'GET /x',
      parallel: 5,
      fetchPage: async (index) => {
        if (failed) maxAfterFailure = Math.max(maxAfterFailure, index);
        inFlight++;
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        if (index === 3) {
          failed = true;
          throw new Error('boom');
        }
        return { currentPageIndex: index, nextPageIndex: index + 1, totalPages: 50, size: 1, versionId: 'v', items: [] };
      },
      onPage: () => {},
    });
    await expect(walk).rejects.toThrow('boom');
    expect(inFlight).toBe(0);
    expect(maxAfterFailure).toBeLessThan(10);
  });
});

describe('walkCursor', () => {
  it('walks in order until nextCursor is absent', async () => {
    const cursors: (string | undefined)[] = [];
    await walkCursor<GetSubscriptionsResponse>({
      endpoint: 'GET /subscriptions',
      fetchPage: async (cursor) => {
        cursors.push(cursor);
        const n = cursor === undefined ? 0 : Number(cursor);
        return { subscriptions: [], nextCursor: n < 2 ? String(n + 1) : undefined };
      },
      onPage: () => {},
    });
    expect(cursors).toEqual([undefined, '1', '2']);
  });

  it('refuses a cursor that loops', async () => {
    const walk = walkCursor<GetSubscriptionsResponse>({
      endpoint: 'GET /subscriptions',
      fetchPage: async () => ({ subscriptions: [], nextCursor: 'same' }),
      onPage: () => {},
    });
    await expect(walk).rejects.toThrow(/cursor it had already returned/);
  });
});
