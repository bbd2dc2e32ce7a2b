/**
 * How deeply a desired-state file nests, found before the YAML parser sees it. The parser and
 * everything after it walk the document recursively, so 5,000 nested brackets would end in
 * "Maximum call stack size exceeded" instead of a message pointing at the line. A real file nests
 * about six levels (users of a group of groups); anything past MAX_NESTING is refused where it
 * starts.
 *
 * The scan is a deliberately small reading of YAML: block nesting by indentation (a line's
 * indentation, plus each `- ` that opens a sequence on the same line), flow nesting by `[` and
 * `{` outside quotes and comments. It can only over-count where a plain value holds unbalanced
 * brackets, and only a file past the limit is ever refused.
 */
export const MAX_NESTING = 64;

/** The offset in `text` where nesting first goes deeper than `max` levels; undefined when it never does. */
export function tooDeepAt(text: string, max = MAX_NESTING): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  let lineStart = true;
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      lineStart = true;
      col = 0;
      continue;
    }
    if (quote !== undefined) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
      col++;
      continue;
    }
    if (lineStart && flow === 0) {
      if (ch === ' ') {
        col++;
        continue;
      }
      lineStart = false;
      if (ch === '#') {
        i = skipToLineEnd(text, i);
        continue;
      }
      // A line opens block levels: its indentation, then every `- ` after it on the same line.
      let at = col;
      let j = i;
      for (;;) {
        while (indents.length > 0 && indents[indents.length - 1]! >= at) indents.pop();
        indents.push(at);
        if (indents.length > max) return j;
        if (text[j] === '-' && text[j + 1] === ' ') {
          j += 2;
          at += 2;
          while (text[j] === ' ') {
            j++;
            at++;
          }
          continue;
        }
        break;
      }
    }
    lineStart = false;
    col++;
    const before = i === 0 ? '\n' : text[i - 1]!;
    if (ch === '#' && (before === ' ' || before === '\t' || before === '\n')) {
      i = skipToLineEnd(text, i);
    } else if ((ch === '"' || ch === "'") && /[\s[{,:]/.test(before)) {
      quote = ch;
    } else if (ch === '[' || ch === '{') {
      flow++;
      if (indents.length + flow > max) return i;
    } else if ((ch === ']' || ch === '}') && flow > 0) {
      flow--;
    }
  }
  return undefined;
}

function skipToLineEnd(text: string, i: number): number {
  const end = text.indexOf('\n', i);
  return (end < 0 ? text.length : end) - 1;
}
