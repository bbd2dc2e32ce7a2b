/** location.mdm of a desired-state file that an import is about to replace: the identity it keeps. */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { MdmInfo } from '../api/types.js';
import { locationOf } from '../config/location-block.js';

/** The file's location.mdm, or undefined when the file is absent, unreadable or names none. */
export async function identityInFile(file: string): Promise<MdmInfo | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return locationOf(parse(text, { maxAliasCount: 100 })).mdm;
  } catch {
    return undefined;
  }
}
