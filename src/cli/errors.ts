/**
 * Turning failures into what an admin reads. Every command funnels its errors through
 * `describeError`, which never includes the sToken (the client's errors never carry it either).
 */
import { MdmConflictError, TokenError, VppApiError } from '../api/index.js';

/** A mistake in what the user gave us (files, flags, environment): exit 1 with this message alone. */
export class UsageError extends Error {}

export function describeError(err: unknown): string {
  if (err instanceof UsageError || err instanceof TokenError || err instanceof MdmConflictError) return err.message;
  if (err instanceof VppApiError) return err.message;
  if (err instanceof Error) return `${err.message}`;
  return String(err);
}
