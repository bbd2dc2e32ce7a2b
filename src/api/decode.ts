/**
 * Checking that a parsed JSON answer has the shape the API documents, before anything reads it:
 * an answer of the wrong shape becomes one sentence naming the field ("`assignments` is not a
 * list (it is text)"), not a TypeError deep in the planner ("is not iterable").
 *
 * Shapes check in place and copy nothing: a location's read decodes a million assignments.
 * `null` in an optional field counts as absent (and is removed, so later `=== undefined` checks
 * hold); in a required field it is a mismatch. Unknown fields are allowed: Apple adds fields.
 */
import { visibleId } from '../shared/visible-text.js';

/** The answer did not match: `path` names the field (`assignments[3].adamId`), `problem` what is wrong with it. */
export class ShapeError extends Error {
  constructor(
    public path: string,
    readonly problem: string,
  ) {
    super(problem);
    this.name = 'ShapeError';
  }

  /** "`assignments[3].adamId` is missing", or "the answer is not an object". */
  get sentence(): string {
    return `${this.path === '' ? 'the answer' : `\`${this.path}\``} ${this.problem}`;
  }
}

export type Shape =
  | { kind: 'string' | 'integer' | 'boolean' | 'object-any' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'list'; item: Shape }
  | { kind: 'object'; fields: readonly (readonly [string, Field])[]; rule?: (value: Record<string, unknown>) => string | undefined };

export interface Field {
  shape: Shape;
  optional: boolean;
}

export const text: Shape = { kind: 'string' };
export const integer: Shape = { kind: 'integer' };
export const flag: Shape = { kind: 'boolean' };
/** Any JSON object, its contents unchecked (parts vppctl does not read). */
export const anyObject: Shape = { kind: 'object-any' };
export const oneOf = (...values: string[]): Shape => ({ kind: 'enum', values });
export const listOf = (item: Shape): Shape => ({ kind: 'list', item });
export const optional = (shape: Shape): Field => ({ shape, optional: true });

/** An object; a plain shape as a field value is required, `optional(shape)` is not. */
export function object(fields: Record<string, Shape | Field>, rule?: (value: Record<string, unknown>) => string | undefined): Shape {
  const all = Object.entries(fields).map(([key, value]) => [key, 'shape' in value ? value : { shape: value, optional: false }] as const);
  return { kind: 'object', fields: all, ...(rule && { rule }) };
}

/**
 * Throws ShapeError at the first place `value` does not match `shape`. The path is built only on
 * the way out of a failure: a read of a million items must not build a million path strings.
 */
export function check(value: unknown, shape: Shape): void {
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') mismatch('is not text', value);
      return;
    case 'integer':
      if (!Number.isSafeInteger(value)) mismatch('is not a whole number', value);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') mismatch('is not true or false', value);
      return;
    case 'enum':
      if (typeof value !== 'string' || !shape.values.includes(value)) mismatch(`is not one of ${shape.values.join(', ')}`, value);
      return;
    case 'object-any':
      if (!isObject(value)) mismatch('is not an object', value);
      return;
    case 'list': {
      if (!Array.isArray(value)) mismatch('is not a list', value);
      const items = value as unknown[];
      for (let i = 0; i < items.length; i++) {
        try {
          check(items[i], shape.item);
        } catch (err) {
          throw prefixed(err, `[${i}]`);
        }
      }
      return;
    }
    case 'object': {
      if (!isObject(value)) mismatch('is not an object', value);
      const record = value as Record<string, unknown>;
      for (const [key, field] of shape.fields) {
        const present = record[key];
        if (present === undefined || present === null) {
          if (!field.optional) throw new ShapeError(key, present === null ? 'is null' : 'is missing');
          if (present === null) delete record[key];
          continue;
        }
        try {
          check(present, field.shape);
        } catch (err) {
          throw prefixed(err, key);
        }
      }
      const broken = shape.rule?.(record);
      if (broken !== undefined) throw new ShapeError('', broken);
    }
  }
}

/** A failure inside a part (`key`, or `[i]`), its path prefixed with the part. */
function prefixed(err: unknown, part: string): unknown {
  if (err instanceof ShapeError) err.path = err.path === '' ? part : `${part}${err.path.startsWith('[') ? '' : '.'}${err.path}`;
  return err;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mismatch(problem: string, value: unknown): never {
  throw new ShapeError('', `${problem} (it is ${describe(value)})`);
}

/** The kind of a JSON value, with short scalars shown (escaped: the value is Apple's, or a stranger's). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  switch (typeof value) {
    case 'string':
      return value.length <= 40 ? `the text "${visibleId(value)}"` : `text of ${value.length} characters`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
