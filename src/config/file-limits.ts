/**
 * Reads a text file with a size ceiling, so a mistaken or hostile path (a disk image, /dev/zero)
 * ends in a clear message instead of exhausting memory.
 */
import { readFile, stat } from 'node:fs/promises';
import { fsReason } from '../shared/fs-errors.js';

/** A desired-state file larger than this is refused: YAML parsing needs many times its size in memory. */
export const MAX_YAML_BYTES = 50 * 1024 * 1024;
/** Roster files are parsed by a plain split, so they may be larger (millions of ids). */
export const MAX_ROSTER_BYTES = 200 * 1024 * 1024;

export type ReadResult = { text: string } | { problem: string; hint?: string };

export async function readLimited(absPath: string, maxBytes: number): Promise<ReadResult> {
  let size: number;
  try {
    const info = await stat(absPath);
    if (info.isDirectory()) return { problem: 'is a directory, not a file' };
    size = info.size;
  } catch (err) {
    return { problem: unreadable(err) };
  }
  if (size > maxBytes) {
    const [given, limit] = sizesThatDiffer(size, maxBytes);
    return {
      problem: `is ${given}; the limit is ${limit}`,
      hint: 'split it, or move long member lists into roster files (`file:`)',
    };
  }
  try {
    return { text: await readFile(absPath, 'utf8') };
  } catch (err) {
    return { problem: unreadable(err) };
  }
}

function unreadable(err: unknown): string {
  return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read: ${fsReason(err, 'read')}`;
}

/**
 * Both sizes in MB with as many decimals as it takes to tell them apart ("50.01 MB" against
 * "50 MB", never "50 MB" against "50 MB"); in bytes when even six decimals do not.
 */
export function sizesThatDiffer(bytes: number, limit: number): [string, string] {
  const mb = (n: number, digits: number): string => `${Number((n / (1024 * 1024)).toFixed(digits))} MB`;
  for (let digits = 0; digits <= 6; digits++) {
    if (mb(bytes, digits) !== mb(limit, digits)) return [mb(bytes, digits), mb(limit, digits)];
  }
  return [`${bytes.toLocaleString('en-US')} bytes`, `${limit.toLocaleString('en-US')} bytes`];
}
