/**
 * Reading parsed data that may have failed the schema: later checks still run on it, so that one
 * run reports every mistake, and must skip what has the wrong shape rather than crash.
 */

/** A parsed `key: value` mapping, loosely typed. */
export type Entry = Record<string, unknown>;

export function entry(value: unknown): Entry | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Entry) : undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
