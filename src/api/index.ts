/**
 * How vppctl talks to Apple's content management API v2 (Apps and Books).
 *
 * Auth. The location's content token (sToken) is read and checked before anything is sent: an
 * unreadable or expired token fails in createClient (a token that expires soon is a plan warning,
 * plan/token-expiry.ts). Every request carries it as
 * `Authorization: Bearer`; it never appears in an error, a warning or a log line.
 *
 * Order of a request. Writes first pass the mdm guard: once any response shows the location is
 * claimed (mdmInfo) by another installation, writes are refused unless the admin chose
 * --take-over. Paged reads wait for one of 5 slots (Apple's limit on parallel page fetches).
 * Every send, first or retry, then waits for the rate limiter: requests start evenly spaced,
 * at most maxRequestPerSecond (from GET /service/config, 15 until read; the config is cached
 * 5 minutes) in any sliding second as Apple sees them (up to 100 ms of network jitter), and
 * none while a Retry-After is running. The answer is JSON; a body with an errorNumber is an
 * error even on HTTP 200.
 *
 * Settings (settings.ts). Plain http:// is refused to any host but this machine unless
 * VPP_ALLOW_PLAIN_HTTP=1; each attempt waits at most 30 s for an answer (VPP_REQUEST_TIMEOUT), and
 * a request unanswered for 10 s is named to the caller (onWaiting) until it is answered.
 *
 * Answers (decode-answers.ts) are checked against the shapes the API documents before anything
 * reads them; a mismatch names the request, the page and the field.
 *
 * Retries (retry.ts), on by default, up to 6 sends with capped exponential backoff and full
 * jitter, never sooner than a Retry-After asks, and at most 2 sends that got no answer at all:
 *   - 503, 429, 9729, 9646 for every method (Apple refused before processing);
 *   - other 5xx, dropped connections and timeouts for GETs only;
 *   - never: a POST whose connection dropped or that got another 5xx (it may have been applied;
 *     the error says the outcome is unknown and the caller re-reads live state), 4xx answers, and
 *     token refusals (401, 9601, 9621, 9625, 9722), which say to download a new token.
 *
 * Names (content-lookup.ts): lookupContent asks the store's content metadata lookup for names of
 * apps and books, 100 ids a request, the sToken as the cookie `itvt`, 3 s for all of it; it never
 * throws: what it could not name comes with one sentence saying why.
 *
 * Paged reads walk to the page without nextPageIndex, restarting (up to 3 times) when a write
 * changes versionId mid-walk; with onPage, pages are handed over instead of kept.
 */
export { createClient, MAX_PAGED_IN_FLIGHT, SERVICE_CONFIG_TTL_MS, WRITE_ENDPOINTS } from './client.js';
export type { ClientOptions, VppClient } from './client.js';
export { LOOKUP_BATCH, LOOKUP_TIMEOUT_MS, storeName, type ContentItem, type ContentLookup } from './content-lookup.js';
export { MdmConflictError, TokenError, VppApiError } from './errors.js';
export type { VppApiErrorInit } from './errors.js';
export { APPLE_BASE_URL } from './http.js';
export { DEFAULT_RETRY_POLICY, describeRetry } from './retry.js';
export { ALLOW_PLAIN_HTTP_ENV, APPLE_MIN_POLL_SECONDS, checkPollInterval, REQUEST_TIMEOUT_ENV, settingsFromEnv } from './settings.js';
export type { RetryInfo, RetryPolicy } from './retry.js';
export { decodeToken } from './token.js';
export type { TokenInfo } from './token.js';
export * from './types.js';
