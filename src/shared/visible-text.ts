/**
 * Text from a file, a roster or Apple's answers, made safe to print: nothing in it may move the
 * cursor, recolour a terminal, reorder a line (bidirectional controls) or hide (zero-width
 * characters). Such characters are shown as escapes (`\u200b`), so what a reader sees is what
 * the text holds.
 *
 * Two strengths: `visibleText` keeps letters of every script (a location named "École Nord" reads
 * as written) and escapes only what does not print; `visibleId` escapes everything outside
 * printable ASCII, so an id holding a look-alike (`s-1001` with U+2011, a non-breaking hyphen)
 * does not pass for the plain one in a message.
 */

/**
 * Characters that do not print as themselves: controls (C0, DEL, C1), format characters
 * (zero-width spaces and joiners, bidirectional controls, the byte-order mark, soft hyphen), line
 * and paragraph separators, lone surrogates, private-use and unassigned code points.
 */
export const NON_PRINTING = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u;
const NON_PRINTING_ALL = new RegExp(NON_PRINTING.source, 'gu');
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/gu;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `\u200b`, `\u{1f600}` (or `\n`, `\r`, `\t`): one character as an escape a reader can look up. */
export function escapeChar(ch: string): string {
  const short = SHORT[ch];
  if (short !== undefined) return short;
  const code = ch.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Names and free text: every script kept, what does not print escaped. */
export function visibleText(text: string): string {
  return NON_PRINTING.test(text) ? text.replace(NON_PRINTING_ALL, escapeChar) : text;
}

/** Ids: printable ASCII kept, everything else escaped, so look-alikes are told apart. */
export function visibleId(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : text.replace(NOT_PRINTABLE_ASCII, escapeChar);
}
