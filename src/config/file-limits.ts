/**
 * Reads a text file with a size ceiling, so a mistaken or hostile path (a disk image, /dev/zero)
 * ends in a clear message instead of exhausting memory.
 */
import { readFile, stat } from 'node:fs/promises';

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
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { problem: 'does not exist' } : { problem: `cannot be read (${code ?? String(err)})` };
  }
  if (size > maxBytes) {
    return {
      problem: `is ${megabytes(size)}; the limit is ${megabytes(maxBytes)}`,
      hint: 'split it, or move long member lists into roster files (`file:`)',
    };
  }
  try {
    return { text: await readFile(absPath, 'utf8') };
  } catch (err) {
    return { problem: `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;
}
