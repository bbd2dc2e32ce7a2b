/**
 * Applies the character rules of id-characters.ts to every id and name written in a
 * desired-state file, each finding at its line:col. Roster files are checked where they are
 * parsed (roster-files.ts). Values the schema already refuses (a user id with a space, an email
 * without `@`) are left to its message, so one mistake gets one message.
 */
import { idCharacterProblem, nameCharacterProblem, type CharacterProblem } from './id-characters.js';
import { entry, list, type Entry } from './loose-data.js';
import type { Diagnostic } from './types.js';
import type { Path } from './wording.js';
import type { YamlLocator } from './yaml-source.js';

/** The schema's own patterns for these ids ($defs/userId, $defs/email): values failing them are its to report. */
const USER_ID = /^\S+$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

export function characterDiagnostics(data: unknown, locator: YamlLocator): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report = (path: Path, problem: CharacterProblem | undefined): void => {
    if (problem) found.push({ ...locator.at(path), ...problem });
  };
  const name = (owner: Entry | undefined, path: Path, key: string, what: string): void => {
    const value = owner?.[key];
    if (typeof value === 'string') report([...path, key], nameCharacterProblem(value, what));
  };
  const id = (value: unknown, path: Path, what: string, schemaRule: RegExp): void => {
    if (typeof value === 'string' && schemaRule.test(value)) report(path, idCharacterProblem(value, what));
  };
  const users = (owner: Entry | undefined, path: Path): void => {
    list(owner?.users).forEach((v, i) => id(v, [...path, 'users', i], 'user id', USER_ID));
  };

  const doc = entry(data);
  const location = entry(doc?.location);
  name(location, ['location'], 'name', 'location name');
  const mdm = entry(location?.mdm);
  name(mdm, ['location', 'mdm'], 'name', 'mdm name');
  name(mdm, ['location', 'mdm'], 'metadata', 'mdm metadata');
  if (typeof mdm?.id === 'string') report(['location', 'mdm', 'id'], idCharacterProblem(mdm.id, 'mdm id', { spaces: true }));

  list(doc?.users).forEach((item, i) => {
    const user = entry(item);
    id(user?.clientUserId, ['users', i, 'clientUserId'], 'user id', USER_ID);
    id(user?.managedAppleId, ['users', i, 'managedAppleId'], 'Managed Apple Account', EMAIL);
    id(user?.email, ['users', i, 'email'], 'email', EMAIL);
  });
  for (const [groupName, value] of Object.entries(entry(doc?.groups) ?? {})) {
    const group = entry(value);
    name(group, ['groups', groupName], 'description', 'group description');
    users(group, ['groups', groupName]);
  }
  for (const key of ['assets', 'subscriptions'] as const) {
    list(doc?.[key]).forEach((item, i) => {
      const owner = entry(item);
      name(owner, [key, i], 'name', key === 'assets' ? 'asset name' : 'subscription name');
      users(owner, [key, i]);
    });
  }
  return found;
}
