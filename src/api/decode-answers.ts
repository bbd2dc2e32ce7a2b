/**
 * The shape of each answer, as apple-v2-api.md documents it (types.ts), and which fields vppctl
 * requires. Required: what vppctl reads and cannot do without (ids, the page walk's indexes and
 * versionId, the counts and flags the plan checks, an eventId, an eventStatus). Optional: what
 * Apple documents as sometimes absent (nextPageIndex, mdmInfo, tokenExpirationDate, uId on
 * config answers) or vppctl does not read. A field that is present is checked either way.
 * Lists of values Apple may extend (productType, userStatus) are text, not enumerations.
 */
import { anyObject, check, flag, integer, listOf, object, oneOf, optional, ShapeError, text, type Shape } from './decode.js';
import type { Query } from './http.js';

const mdmInfo = object({ id: text, name: text, metadata: optional(text) });

/** On (almost) every answer. */
const envelope = {
  uId: optional(text),
  mdmInfo: optional(mdmInfo),
  tokenExpirationDate: optional(text),
};

const paged = {
  ...envelope,
  currentPageIndex: integer,
  nextPageIndex: optional(integer),
  totalPages: integer,
  versionId: text,
  size: optional(integer),
};

const asset = object({
  adamId: text,
  pricingParam: text,
  productType: optional(text),
  assignedCount: integer,
  availableCount: integer,
  retiredCount: optional(integer),
  totalCount: optional(integer),
  deviceAssignable: flag,
  revocable: flag,
  supportedPlatforms: optional(listOf(text)),
});

const assignment = object(
  {
    adamId: text,
    pricingParam: text,
    clientUserId: optional(text),
    serialNumber: optional(text),
    idHash: optional(text),
    userStatus: optional(text),
  },
  (a) => (a.clientUserId === undefined && a.serialNumber === undefined ? 'has neither a clientUserId nor a serialNumber' : undefined),
);

const user = object({
  clientUserId: text,
  status: text,
  email: optional(text),
  managedAppleId: optional(text),
  idHash: optional(text),
  inviteCode: optional(text),
});

const seats = object({ renewing: integer, expiring: integer });

const subscription = object({
  adamId: integer,
  parentAdamId: optional(integer),
  status: optional(text),
  periodEndDate: optional(text),
  counts: object({ assigned: optional(seats), available: seats, total: optional(seats) }),
});

const cursor = { ...envelope, nextCursor: optional(text), versionId: optional(text) };

const failure = object({ errorNumber: integer, errorMessage: optional(text), errorInfo: optional(anyObject) });

const ANSWERS: Record<string, Shape> = {
  'GET /service/config': object({ limits: optional(anyObject), urls: optional(anyObject) }),
  'GET /client/config': object({ ...envelope, locationName: optional(text) }),
  'POST /client/config': object(envelope),
  'GET /assets': object({ ...paged, assets: listOf(asset), unlimitedAssets: optional(listOf(anyObject)) }),
  'GET /assignments': object({ ...paged, assignments: listOf(assignment) }),
  'GET /users': object({ ...paged, users: listOf(user) }),
  'GET /subscriptions': object({ ...cursor, subscriptions: listOf(subscription) }),
  'GET /subscriptions/assignments': object({ ...cursor, assignments: listOf(object({ adamId: integer, clientUserId: text, renewing: flag })) }),
  'GET /status': object({
    ...envelope,
    eventStatus: oneOf('PENDING', 'COMPLETE', 'FAILED'),
    eventType: optional(text),
    failures: optional(listOf(failure)),
    numCompleted: optional(integer),
    numRequested: optional(integer),
  }),
};

/** Every asynchronous write answers with an event to follow. */
const EVENT = object({ ...envelope, eventId: text }, (e) => (e.eventId === '' ? 'is an empty eventId' : undefined));
const ENVELOPE = object(envelope);

/**
 * Why the answer to `method path` (`query`: which page) does not match the API, as the rest of a
 * sentence after the request ("page 3 answered HTTP 200 but `assignments` is not a list (it is
 * the text "x")"); undefined when it matches.
 */
export function answerMismatch(method: string, path: string, query: Query | undefined, status: number, body: unknown): string | undefined {
  try {
    check(body, ANSWERS[`${method} ${path}`] ?? (method === 'POST' ? EVENT : ENVELOPE));
    return undefined;
  } catch (err) {
    if (!(err instanceof ShapeError)) throw err;
    const page = query?.pageIndex;
    return `${typeof page === 'number' ? `page ${page} ` : ''}answered HTTP ${status} but ${err.sentence}`;
  }
}
