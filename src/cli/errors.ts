/**
 * Turning failures into what an admin reads. Every command funnels its errors through
 * `describeError`, which never includes the sToken (the client's errors never carry it either).
 */

/** A mistake in what the user gave us (files, flags, environment): exit 1 with this message alone. */
export class UsageError extends Error {}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
