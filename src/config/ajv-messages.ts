/**
 * Turns one JSON Schema error from ajv into a sentence for a school IT admin, with the fix when it
 * is obvious. ajv says "must NOT have additional properties"; the admin needs "`devics` is not a
 * key vppctl knows here; did you mean `devices`?".
 */
import type { ErrorObject } from 'ajv';
import { didYouMean } from './did-you-mean.js';
import { tokenProblem } from './token-check.js';
import { kindOf, show, subject, type Path } from './wording.js';

export interface Explained {
  /** Where to point: the value at `path`, or the key that introduces it. */
  path: Path;
  part: 'key' | 'value';
  message: string;
  hint?: string;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of `key: value` lines',
};

const REQUIRED_HINTS: Record<string, string> = {
  version: 'add `version: 1` at the top of the file',
  location: 'add `location:` with `name:` and `token:` (see examples/central-school.yaml)',
  name: 'add `name:` with a name people will recognise in plans',
  adamId: 'add `adamId:` with the number from the App Store link',
  clientUserId: 'add `clientUserId:` with your id for this user',
  file: 'add `file:` with the path of the roster file, relative to this file',
  id: 'add `id:`, for example a UUID unique to this installation',
};

export function explainAjvError(e: ErrorObject, path: Path, value: unknown): Explained | undefined {
  const p = e.params as Record<string, unknown>;
  const parentSchema = (e.parentSchema ?? {}) as Record<string, unknown>;
  switch (e.keyword) {
    case 'if':
    case 'propertyNames':
      // Noise: the branch that failed or the name that failed reports its own, clearer error.
      return undefined;
    case 'required': {
      const missing = String(p.missingProperty);
      const where = path.length === 0 ? 'the file' : subject(path);
      return { path, part: 'key', message: `${where} is missing \`${missing}\``, hint: REQUIRED_HINTS[missing] ?? `add \`${missing}:\`` };
    }
    case 'additionalProperties':
      return unknownKey(path, String(p.additionalProperty), Object.keys((parentSchema.properties as object) ?? {}));
    case 'type':
      return wrongType(path, value, String(p.type).split(','));
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      return {
        path,
        part: 'value',
        message: `${subject(path)} must be ${allowed.join(' or ')}, not ${show(value)}`,
        hint: guess ? `did you mean \`${guess}\`?` : undefined,
      };
    }
    case 'const':
      return { path, part: 'value', message: `${subject(path)} must be ${show(p.allowedValue)}`, hint: 'this version of vppctl reads format version 1' };
    case 'pattern':
      return wrongForm(e, path, value, String(parentSchema.patternErrorMessage ?? 'it does not have the expected form'));
    case 'minimum':
      return { path, part: 'value', message: `${subject(path)} must be at least ${String(p.limit)}` };
    case 'maximum':
      return { path, part: 'value', message: `${subject(path)} must be at most ${String(p.limit)}` };
    case 'minLength':
      return { path, part: 'value', message: `${subject(path)} must not be empty` };
    default:
      return { path, part: 'value', message: `${subject(path)} ${e.message ?? 'is not valid'}` };
  }
}

function unknownKey(path: Path, key: string, allowed: string[]): Explained {
  const at = [...path, key];
  if (key === 'devices' && path.length === 2 && path[0] === 'subscriptions') {
    return {
      path: at,
      part: 'key',
      message: 'subscriptions are assigned to users only; a subscription cannot be given `devices`',
      hint: 'remove `devices:` here; to put an app or book on devices, list them under `assets`',
    };
  }
  const guess = didYouMean(key, allowed);
  return {
    path: at,
    part: 'key',
    message: `${show(key)} is not a key vppctl knows here`,
    hint: guess ? `did you mean \`${guess}\`?` : `keys allowed here: ${allowed.join(', ')}`,
  };
}

function wrongType(path: Path, value: unknown, expected: string[]): Explained {
  const wanted = expected.filter((t) => t !== 'null');
  if (path.length === 0) {
    return {
      path,
      part: 'value',
      message: value == null ? 'the file is empty' : `the file must be a set of \`key: value\` lines, not ${kindOf(value)}`,
      hint: 'start with `version: 1` and `location:` (see examples/central-school.yaml)',
    };
  }
  const isMemberList = wanted.includes('array') && wanted.includes('object');
  const words = isMemberList
    ? 'a list (like [a, b]) or `file:` naming a roster file'
    : wanted.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
  let hint: string | undefined;
  if (wanted.includes('string') && typeof value === 'number') {
    hint = 'put it in quotes ("0123") so YAML keeps it as text exactly as written';
  } else if (wanted.includes('integer') && typeof value === 'string' && /^\d+$/.test(value)) {
    hint = 'write the number without quotes';
  } else if (isMemberList && typeof value === 'string') {
    hint = 'write it as a list in brackets, even for one member: [id]';
  }
  return { path, part: 'value', message: `${subject(path)} must be ${words}, not ${kindOf(value)}`, hint };
}

function wrongForm(e: ErrorObject, path: Path, value: unknown, rule: string): Explained {
  if (e.propertyName !== undefined) {
    return { path: [...path, e.propertyName], part: 'key', message: `group name ${show(e.propertyName)} is not allowed. ${rule}` };
  }
  if (path.length === 2 && path[0] === 'location' && path[1] === 'token' && typeof value === 'string') {
    const problem = tokenProblem(value);
    if (problem) return { path, part: 'value', ...problem };
  }
  // Short values only: a hint must never carry a pasted secret back out, even upper-cased.
  const upper = typeof value === 'string' && value.length <= 64 ? value.toUpperCase() : '';
  const hint = upper && upper !== value && new RegExp(String((e.params as { pattern: string }).pattern)).test(upper) ? `did you mean \`${upper}\`?` : undefined;
  return { path, part: 'value', message: `${show(value)} is not a valid ${subject(path).replace(/^an entry of /, 'entry of ')}. ${rule}`, hint };
}
