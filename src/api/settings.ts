/**
 * The client's settings from the environment, and those that would put a content token at risk,
 * refused before anything is sent.
 *
 * - VPP_BASE_URL over plain http:// sends the token unencrypted. That is fine to this machine
 *   (the simulator on 127.0.0.1), and refused to any other host unless VPP_ALLOW_PLAIN_HTTP=1 says
 *   the risk is understood (a simulator on a private network).
 * - Polling /status more often than every 30 s is against Apple's rules for its service (it may
 *   throttle or suspend the organization); a shorter --poll-interval is for rehearsals against a
 *   simulator on this machine only.
 */
import { isIP } from 'node:net';

export const APPLE_BASE_URL = 'https://vpp.itunes.apple.com/mdm/v2';

/** The variable that allows plain http:// to a host other than this machine. */
export const ALLOW_PLAIN_HTTP_ENV = 'VPP_ALLOW_PLAIN_HTTP';
/** Seconds one attempt of a request may wait for an answer (default 30). */
export const REQUEST_TIMEOUT_ENV = 'VPP_REQUEST_TIMEOUT';
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface EnvSettings {
  /** VPP_BASE_URL, else Apple's. */
  baseUrl: string;
  allowPlainHttp: boolean;
  timeoutMs: number;
}

/** VPP_BASE_URL, VPP_ALLOW_PLAIN_HTTP and VPP_REQUEST_TIMEOUT, read and checked. */
export function settingsFromEnv(env: NodeJS.ProcessEnv): EnvSettings {
  const timeout = env[REQUEST_TIMEOUT_ENV];
  const seconds = timeout === undefined || timeout === '' ? undefined : Number(timeout);
  if (seconds !== undefined && !(seconds > 0 && seconds <= 3600)) {
    throw new Error(`${REQUEST_TIMEOUT_ENV} must be a number of seconds between 0 and 3600, not "${timeout}"`);
  }
  return {
    baseUrl: env.VPP_BASE_URL || APPLE_BASE_URL,
    allowPlainHttp: env[ALLOW_PLAIN_HTTP_ENV] === '1' || env[ALLOW_PLAIN_HTTP_ENV] === 'true',
    timeoutMs: seconds === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : seconds * 1000,
  };
}
/** Apple: wait at least 30 s between polls of a pending event. */
export const APPLE_MIN_POLL_SECONDS = 30;

/** Whether `hostname` (as URL.hostname gives it) is this machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
}

/**
 * Whether the token may be sent to `url`: over https://, or over plain http:// to this machine or,
 * with VPP_ALLOW_PLAIN_HTTP, to a host on a network the user trusts. The API's base URL and the
 * store's lookup address both carry the token, so both follow this one rule.
 */
export function tokenMayGoTo(url: URL, allowPlainHttp: boolean): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && (isLoopback(url.hostname) || allowPlainHttp));
}

/** The base URL, parsed and checked; throws a sentence naming what to change. */
export function checkedBaseUrl(baseUrl: string, allowPlainHttp: boolean, redact: (text: string) => string = (t) => t): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`the API base URL is not a URL: ${redact(baseUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`the API base URL ${redact(url.origin)} is not http:// or https://`);
  }
  if (!tokenMayGoTo(url, allowPlainHttp)) {
    throw new Error(
      `refusing to send the content token over plain HTTP to ${redact(url.host)} (VPP_BASE_URL): anyone on the network between could read it. ` +
        `Use https://, or set ${ALLOW_PLAIN_HTTP_ENV}=1 if that host is a simulator on a network you trust.`,
    );
  }
  return url;
}

/**
 * Refuses a poll interval under Apple's 30 s unless the API is on this machine (the simulator).
 * `baseUrl`: the URL apply will talk to.
 */
export function checkPollInterval(seconds: number, baseUrl: string): void {
  if (seconds >= APPLE_MIN_POLL_SECONDS) return;
  let host = '';
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return; // the client refuses a base URL that is not a URL, with its own message
  }
  if (isLoopback(host)) return;
  throw new Error(
    `--poll-interval ${seconds} is under Apple's minimum of ${APPLE_MIN_POLL_SECONDS} s between polls of a pending event; ` +
      `polling ${host} faster risks throttling or suspension of the organization. Shorter intervals are for rehearsals against \`vppctl sim\` on this machine.`,
  );
}
