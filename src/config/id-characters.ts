/**
 * The characters an id or a name may hold. Apple compares ids byte for byte: a clientUserId with
 * a zero-width space, a bidirectional control or a non-breaking hyphen in it registers a second
 * user who looks the same as the first in every list. So:
 *
 *  - ids (clientUserIds, Managed Apple Accounts, emails, the mdm id) that hold a character that
 *    does not print, or a space of any kind, are an error;
 *  - ids that hold a look-alike of a plain character (a dash other than `-`, full-width or other
 *    compatibility forms such as `ｓ`, Cyrillic or Greek letters among Latin ones) are a warning:
 *    such an id can be real, but it is far more often a paste from a word processor;
 *  - names (location, mdm, asset and subscription labels) may use any script, but not characters
 *    that do not print: they are shown in terminals and pull-request comments.
 *
 * Serial numbers, adamIds and group names are held to plain ASCII by the schema already.
 * Messages show the value with every non-ASCII character escaped (visibleId).
 */
import { escapeChar, NON_PRINTING, visibleId, visibleText } from '../shared/visible-text.js';

export interface CharacterProblem {
  severity: 'error' | 'warning';
  message: string;
  hint: string;
}

/** Printable ASCII without space: the ids nearly every file holds, settled by one test. */
const PLAIN_ID = /^[\x21-\x7e]*$/;
const SPACE = /[\s\p{Z}]/u;
/** Dashes and minus signs that look like `-` (U+2010..U+2015, minus, small and full-width hyphen-minus). */
const DASH_LIKE = /[\p{Pd}\u2212]/u;
const LATIN = /\p{Script=Latin}/u;
const CONFUSABLE_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

const NAMED: Record<number, string> = {
  0x00ad: 'a soft hyphen',
  0x200b: 'a zero-width space',
  0x200c: 'a zero-width non-joiner',
  0x200d: 'a zero-width joiner',
  0x200e: 'a left-to-right mark',
  0x200f: 'a right-to-left mark',
  0x2060: 'a word joiner',
  0xfeff: 'a byte-order mark (zero-width no-break space)',
  0x2028: 'a line separator',
  0x2029: 'a paragraph separator',
};

/** What a character that does not print is, in words: "U+200B (a zero-width space)". */
function describeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  let what = NAMED[code];
  if (what === undefined) {
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) what = 'a bidirectional control, which reorders the text around it';
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) what = `a control character${escapeChar(ch).length === 2 ? `, ${escapeChar(ch)}` : ''}`;
    else if (SPACE.test(ch)) what = 'a space';
    else what = 'a character that does not print';
  }
  return `${hex} (${what})`;
}

function firstMatch(value: string, pattern: RegExp): string | undefined {
  for (const ch of value) if (pattern.test(ch)) return ch;
  return undefined;
}

/** The plain-ASCII reading of a look-alike character, when it has one (`ｓ` -> `s`, U+2011 -> `-`). */
function plainReading(ch: string): string | undefined {
  if (PLAIN_ID.test(ch)) return undefined;
  if (DASH_LIKE.test(ch)) return '-';
  const folded = ch.normalize('NFKC');
  return folded !== ch && PLAIN_ID.test(folded) ? folded : undefined;
}

/**
 * What is wrong with the characters of an id (`what`: "user id", "email", ...), or undefined.
 * Spaces are reported only where `spaces` is set: where the schema does not already refuse them.
 */
export function idCharacterProblem(value: string, what: string, opts: { spaces?: boolean } = {}): CharacterProblem | undefined {
  if (PLAIN_ID.test(value)) return undefined;
  const hidden = firstMatch(value, NON_PRINTING) ?? (opts.spaces ? firstMatch(value, SPACE) : undefined);
  if (hidden !== undefined) {
    return {
      severity: 'error',
      message: `${what} \`${visibleId(value)}\` holds ${describeChar(hidden)}; Apple would take it for a different id than the one you see`,
      hint: 'retype the id, or remove the character (it often comes with text pasted from a document or a web page)',
    };
  }
  const lookAlikes = [...value].filter((ch) => plainReading(ch) !== undefined);
  const mixed = LATIN.test(value) ? firstMatch(value, CONFUSABLE_SCRIPT) : undefined;
  if (lookAlikes.length === 0 && mixed === undefined) return undefined;
  const plain = [...value].map((ch) => plainReading(ch) ?? ch).join('');
  const detail =
    lookAlikes.length > 0
      ? `${lookAlikes.map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ')}, which looks like \`${plainReading(lookAlikes[0]!)}\``
      : `Latin letters mixed with ${/\p{Script=Greek}/u.test(mixed!) ? 'Greek' : 'Cyrillic'} ones (${escapeChar(mixed!)}), which look alike`;
  return {
    severity: 'warning',
    message: `${what} \`${visibleId(value)}\` holds ${detail}; Apple treats it as a different id${plain !== value && PLAIN_ID.test(plain) ? ` than \`${plain}\`` : ''}`,
    hint: PLAIN_ID.test(plain) && plain !== value ? `if you meant \`${plain}\`, retype it in plain characters` : 'retype it in plain characters if it was pasted',
  };
}

/** What is wrong with the characters of a name or label (`what`: "location name", ...), or undefined. */
export function nameCharacterProblem(value: string, what: string): CharacterProblem | undefined {
  const hidden = firstMatch(value, NON_PRINTING);
  if (hidden === undefined) return undefined;
  return {
    severity: 'error',
    message: `${what} \`${visibleText(value)}\` holds ${describeChar(hidden)}; names are shown in terminals and pull-request comments, where it would hide or rearrange text`,
    hint: hidden === '\n' || hidden === '\r' ? 'keep the name on one line' : 'retype the name, or remove the character',
  };
}
