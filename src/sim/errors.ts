/**
 * Apple's error numbers as the simulator answers them: the HTTP status each one travels with
 * (apple-v2-api.md section 4) and the message text. Also what GET /service/config lists.
 */
import type { ErrorInfo, ErrorResponse } from '../api/types.js';

interface Catalogued {
  status: number;
  message: string;
}

const CATALOG: Record<number, Catalogued> = {
  9601: { status: 401, message: 'Login required' },
  9602: { status: 400, message: 'Invalid argument' },
  9603: { status: 500, message: 'Internal error' },
  9609: { status: 400, message: 'Registered user not found' },
  9621: { status: 401, message: 'The sToken has expired' },
  9625: { status: 401, message: 'The server has revoked the sToken' },
  9646: {
    status: 429,
    message: 'There are too many requests for the organization; use incremental/exponential backoff until successful',
  },
  9650: { status: 400, message: 'The page index must be 0 or more and less than the total number of pages' },
  9700: { status: 400, message: 'The request holds more assets than the maxAssets limit' },
  9701: { status: 400, message: 'The request holds more clientUserIds than the limit' },
  9702: { status: 400, message: 'The request holds more serialNumbers than the limit' },
  9703: { status: 400, message: 'The request holds duplicate assets' },
  9704: { status: 400, message: 'The request holds duplicate clientUserIds' },
  9705: { status: 400, message: 'The request holds duplicate serialNumbers' },
  9706: { status: 400, message: "The asset isn't revocable" },
  9707: { status: 400, message: "The asset isn't device assignable" },
  9708: { status: 400, message: 'The eventId was not found' },
  9709: { status: 400, message: "There aren't enough assets available to complete this association" },
  9710: { status: 400, message: 'Both the notification URL and the notification auth token are required' },
  9711: { status: 400, message: 'The notification URL or auth token is too long' },
  9712: { status: 400, message: 'The notification URL must be a valid HTTPS URL' },
  9713: { status: 400, message: 'The mdmInfo metadata is too long' },
  9714: { status: 400, message: 'The request holds more users than the maxUsers limit' },
  9715: { status: 400, message: 'The request holds duplicate users' },
  9716: { status: 400, message: 'A registered user with that clientUserId already exists' },
  9717: { status: 400, message: 'The email address is invalid' },
  9718: { status: 400, message: 'The request holds no asset' },
  9719: { status: 400, message: 'The request holds neither clientUserIds nor serialNumbers' },
  9720: { status: 400, message: 'The request holds no users' },
  9721: { status: 400, message: 'The versionId is invalid' },
  9722: { status: 401, message: "The request needs an authorization header that matches the format 'Bearer {sToken}'" },
  9723: { status: 400, message: 'The name, id and metadata are all required when setting mdmInfo' },
  9724: { status: 400, message: 'The mdmInfo id is too long' },
  9725: { status: 400, message: 'The mdmInfo name is too long' },
  9726: { status: 405, message: 'The HTTP method is not supported for this endpoint' },
  9727: { status: 415, message: 'The Content-Type is not supported; send application/json' },
  9729: { status: 503, message: 'The service is temporarily unavailable; try again later' },
  9811: { status: 400, message: 'The subscription association request is invalid' },
  9812: { status: 400, message: 'The cursor is invalid' },
  9813: { status: 400, message: 'The Adam ID is invalid' },
  9814: { status: 400, message: 'No registered user exists for the clientUserId' },
  9815: { status: 400, message: "The user isn't assigned the adamId" },
  9816: { status: 400, message: 'The maximum subscriptions limit is exceeded' },
  9818: { status: 400, message: "Subscriptions exist, so subscription management can't be disabled" },
};

export function errorMessage(errorNumber: number): string {
  return CATALOG[errorNumber]?.message ?? 'Unknown error';
}

export function httpStatusOf(errorNumber: number): number {
  return CATALOG[errorNumber]?.status ?? 400;
}

export function errorBody(errorNumber: number, errorInfo?: ErrorInfo): ErrorResponse {
  return { errorNumber, errorMessage: errorMessage(errorNumber), ...(errorInfo && { errorInfo }) };
}

/** The errorCodes list of GET /service/config. */
export function catalogForServiceConfig(): { errorNumber: number; errorMessage: string }[] {
  return Object.entries(CATALOG).map(([n, c]) => ({ errorNumber: Number(n), errorMessage: c.message }));
}

/** A synchronous rejection: the request is answered with this error and has no other effect. */
export class SimError extends Error {
  constructor(
    readonly errorNumber: number,
    readonly errorInfo?: ErrorInfo,
  ) {
    super(`${errorNumber} ${errorMessage(errorNumber)}`);
    this.name = 'SimError';
  }

  get status(): number {
    return httpStatusOf(this.errorNumber);
  }

  body(): ErrorResponse {
    return errorBody(this.errorNumber, this.errorInfo);
  }
}
