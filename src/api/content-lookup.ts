/**
 * Names of apps and books from Apple's content metadata lookup, the store address GET
 * /service/config gives as `urls.contentMetadataLookup`, asked as Zentral asks it:
 * `?version=2&id=ID1,ID2,…&p=mdm-lockup&caller=MDM&platform=enterprisestore&cc=<country>&l=en`,
 * with the sToken as the cookie `itvt` (so custom apps and apps no longer for sale are named too).
 *
 * Names only make plans readable, so a lookup never fails and never delays a plan by more than a
 * few seconds: ids go 100 to a request, all requests share one deadline (3 s), and whatever goes
 * wrong (no address, a refusal, a timeout, an answer of the wrong shape, no names at all) gives
 * the names that did arrive and one sentence saying why the rest are missing. The sentence never
 * holds the token: only statuses and error codes are quoted, through the client's redactor.
 * Store names are untrusted text: anything that does not print is escaped on the way in.
 */
import { Pool } from 'undici';
import { visibleText } from '../shared/visible-text.js';
import { chunk } from '../shared/chunk.js';
import { tokenMayGoTo } from './settings.js';

/** Ids per request: Zentral's batch; the store accepts many more, but a URL has limits. */
export const LOOKUP_BATCH = 100;
/** One deadline for every request of a lookup. */
export const LOOKUP_TIMEOUT_MS = 3_000;
/** Longer names are cut: a name is a label, not a document. */
const MAX_NAME_LENGTH = 200;

export interface ContentItem {
  name: string;
  /** The store's kind: "software", "mac-software", "ebook", … */
  kind?: string;
}

export interface ContentLookup {
  /** By adamId; ids the store does not know are absent. */
  items: Map<string, ContentItem>;
  /** Why some or all ids have no name; absent when nothing went wrong. */
  problem?: string;
}

export interface LookupRequest {
  /** urls.contentMetadataLookup; undefined when the service config gives none. */
  url: string | undefined;
  token: string;
  /** The location's countryISO2ACode (client config); the store answers in that storefront. */
  countryCode: string | undefined;
  ids: readonly string[];
  redact: (text: string) => string;
  allowPlainHttp?: boolean;
  timeoutMs?: number;
  batchSize?: number;
  /**
   * Paces each request (the client's rate limiter): the store sees the same token, so its
   * requests count against the location's requests per second as Apple may count them.
   */
  pace?: <T>(send: () => Promise<T>) => Promise<T>;
}

export async function lookupContent(req: LookupRequest): Promise<ContentLookup> {
  const items = new Map<string, ContentItem>();
  const ids = [...new Set(req.ids)];
  if (ids.length === 0) return { items };
  const address = checkedAddress(req);
  if (typeof address === 'string') return { items, problem: address };
  const deadline = AbortSignal.timeout(req.timeoutMs ?? LOOKUP_TIMEOUT_MS);
  // Its own connections, closed at the end: a kept-alive socket to the store must not hold the process open.
  const pool = new Pool(address.origin);
  let problems: (string | undefined)[];
  try {
    problems = await Promise.all(chunk(ids, req.batchSize ?? LOOKUP_BATCH).map((batch) => lookupBatch(pool, address, batch, req, deadline, items)));
  } finally {
    await pool.destroy();
  }
  const problem = problems.find((p) => p !== undefined);
  if (problem !== undefined) return { items, problem: req.redact(problem) };
  if (items.size === 0) return { items, problem: `the store named none of the ${ids.length} apps and books asked for` };
  return { items };
}

function checkedAddress(req: LookupRequest): URL | string {
  if (req.url === undefined) return 'the service config gives no urls.contentMetadataLookup';
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return 'the service config gives a urls.contentMetadataLookup that is not a URL';
  }
  if (tokenMayGoTo(url, req.allowPlainHttp === true)) return url;
  return `the lookup address ${req.redact(url.origin)} is not https://, and the token is not sent over it`;
}

/** One request; adds what it names to `items` and returns why it failed, if it did. */
async function lookupBatch(
  pool: Pool,
  address: URL, batch: readonly string[], req: LookupRequest, signal: AbortSignal, items: Map<string, ContentItem>): Promise<string | undefined> {
  const url = new URL(address);
  const query: Record<string, string> = { version: '2', id: batch.join(','), p: 'mdm-lockup', caller: 'MDM', platform: 'enterprisestore' };
  if (req.countryCode !== undefined && req.countryCode !== '') query.cc = req.countryCode.toLowerCase();
  query.l = 'en';
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  let status: number;
  let body: unknown;
  try {
    const send = () => pool.request({ method: 'GET', path: `${url.pathname}${url.search}`, headers: { cookie: `itvt=${req.token.trim()}`, accept: 'application/json' }, signal });
    const res = await (req.pace ? req.pace(send) : send());
    status = res.statusCode;
    const text = await res.body.text();
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  } catch (err) {
    if (signal.aborted) return `the store lookup did not answer within ${(req.timeoutMs ?? LOOKUP_TIMEOUT_MS) / 1000} s`;
    const code = (err as { code?: unknown }).code;
    return `the store lookup at ${url.host} could not be reached${typeof code === 'string' ? ` (${code})` : ''}`;
  }
  if (status !== 200) return `the store lookup answered HTTP ${status}`;
  const results = (body as { results?: unknown } | undefined)?.results;
  if (results === null || typeof results !== 'object' || Array.isArray(results)) return 'the store lookup answered without results';
  for (const id of batch) {
    const item = (results as Record<string, unknown>)[id] as { name?: unknown; kind?: unknown } | undefined;
    if (item === null || typeof item !== 'object' || typeof item.name !== 'string' || item.name.trim() === '') continue;
    items.set(id, { name: storeName(item.name), ...(typeof item.kind === 'string' && { kind: item.kind }) });
  }
  return undefined;
}

/**
 * A store name as vppctl keeps it: what does not print escaped, at most MAX_NAME_LENGTH characters.
 * Every way a store name comes in (the lookup, the names cache, which anyone can edit) goes through it.
 */
export function storeName(raw: string): string {
  const text = visibleText(raw.trim());
  return text.length > MAX_NAME_LENGTH ? `${text.slice(0, MAX_NAME_LENGTH - 1)}…` : text;
}
