/** Shared phrasing for messages: how a value or a place in the file is named to the reader. */
import { visibleId } from '../shared/visible-text.js';
import { looksLikeSToken } from './token-check.js';

export type Path = readonly (string | number)[];

/**
 * A value from the file, quoted for a message. Token-like text is never repeated back; anything
 * outside printable ASCII is escaped (`s-1001\u2011x`), so look-alikes and hidden characters show.
 */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    if (looksLikeSToken(value)) return '(a value that looks like an sToken, not shown)';
    const text = [...value].length > 60 ? `${[...value].slice(0, 57).join('')}...` : value;
    return `\`${visibleId(text)}\``;
  }
  return `\`${String(value)}\``;
}

/** "`pricingParam`" or "an entry of `users`": what a path points at, in the words of the file. */
export function subject(path: Path): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the file';
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return typeof parent === 'string' ? `an entry of \`${parent}\`` : 'a list entry';
  }
  return `\`${last}\``;
}

/** The kind of a parsed YAML value, in plain words. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return Number.isInteger(value) ? 'a whole number' : 'a number';
    case 'boolean':
      return 'true/false';
    default:
      return 'a set of `key: value` lines';
  }
}
