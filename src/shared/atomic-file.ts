/**
 * Replacing a state file whole (the live-state and names caches): the text goes to a temporary
 * file beside it, which is then renamed over it, so a reader, or the next run after a crash, finds
 * the old file or the new one, never half of either.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsReason } from './fs-errors.js';

/** Writes `data` to `file` atomically, making its folder if needed; a failure throws an Error saying why in words. */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  // Unique per write: two writers of one file in one run must not share a temporary file.
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (err) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new Error(fsReason(err, 'write'));
  }
}
