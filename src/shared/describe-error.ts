/**
 * An error as one line an admin reads. Every shell funnels failures through it; it never adds the
 * sToken (the client's errors never carry it either).
 */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
