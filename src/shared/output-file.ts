/**
 * Writing a file the user asked for (`plan --out`, `import --out`): a failure says which file and
 * why in words ("permission denied", "it is a folder, not a file"), never a raw EACCES or EEXIST.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fsReason } from './fs-errors.js';

export class OutputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFileError';
  }
}

/** Writes `text` to `file`; `what` names it for the message ("the plan", "the imported file"). */
export async function writeOutputFile(file: string, text: string, what: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (err) {
    throw new OutputFileError(`cannot write ${what} to ${file}: ${fsReason(err, 'write')}.`);
  }
}

/** Makes the folder `dir` (and its parents) for output. */
export async function makeOutputFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new OutputFileError(`cannot create the folder ${dir}: ${fsReason(err, 'write')}.`);
  }
}
