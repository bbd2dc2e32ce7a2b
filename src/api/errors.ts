/**
 * The three errors the client throws. Everything that goes wrong talking to Apple becomes a
 * VppApiError, so callers branch on fields (status, errorNumber, retryable) instead of on text.
 */
import { visibleId, visibleText } from '../shared/visible-text.js';
import type { ErrorInfo, MdmInfo } from './types.js';

export interface VppApiErrorInit {
  /** What went wrong, without the endpoint (the message is `${endpoint}: ${reason}`). */
  reason: string;
  endpoint: string;
  status: number;
  errorNumber?: number;
  errorMessage?: string;
  errorInfo?: ErrorInfo;
  retryable: boolean;
  /** A write whose fate is unknown (the connection dropped after it was sent): re-read live state. */
  outcomeUnknown?: boolean;
  /** The wait the server asked for (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** How many times the request was sent before this error was final. */
  attempts?: number;
  /** No answer came at all (connect, headers or body timed out): the server may be hanging. */
  noAnswer?: boolean;
}

export class VppApiError extends Error {
  /** HTTP status (200 when Apple put an errorNumber in a 200 body; 0 when no answer arrived). */
  readonly status: number;
  readonly errorNumber?: number;
  readonly errorMessage?: string;
  readonly errorInfo?: ErrorInfo;
  /** 5xx, 429, 9646, 9729 (and connection failures on GETs); for POSTs only answers proving the request was refused. */
  readonly retryable: boolean;
  /** e.g. "POST /assets/associate" */
  readonly endpoint: string;
  readonly reason: string;
  readonly outcomeUnknown: boolean;
  readonly retryAfterMs?: number;
  readonly attempts: number;
  readonly noAnswer: boolean;

  constructor(init: VppApiErrorInit) {
    super(`${init.endpoint}: ${init.reason}`);
    this.name = 'VppApiError';
    this.reason = init.reason;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.errorNumber = init.errorNumber;
    this.errorMessage = init.errorMessage;
    this.errorInfo = init.errorInfo;
    this.retryable = init.retryable;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
    this.noAnswer = init.noAnswer ?? false;
  }
}

/** The location is claimed (client config mdmInfo) by another installation: writes are refused. */
export class MdmConflictError extends Error {
  readonly ours?: string;
  readonly theirs: MdmInfo;

  constructor(ours: string | undefined, theirs: MdmInfo, action: string) {
    // Apple's text, written by whoever claimed the location: shown escaped.
    const owner = `"${visibleText(theirs.name)}" (mdmInfo.id ${visibleId(theirs.id)})`;
    const mine = ours === undefined ? 'this location file declares no mdm.id' : `ours is ${ours}`;
    super(
      `refusing ${action}: the location is managed by another installation, ${owner}; ${mine}. ` +
        'Two managers of one location allocate licenses unpredictably; claim it only if that installation is retired (--take-over).',
    );
    this.name = 'MdmConflictError';
    this.ours = ours;
    this.theirs = theirs;
  }
}

/** The sToken is unreadable, expired or rejected. Its message never contains the token. */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

/** Where an administrator gets a fresh content token. */
export const NEW_TOKEN_HINT =
  'download a new content token in Apple School Manager or Apple Business Manager > Preferences/Settings > Payments and Billing > Apps and Books, and store it where this location file names it';
