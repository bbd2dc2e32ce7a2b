/**
 * Reads the ids out of a roster file's text: one id per line (`#` comments), or one column of a
 * CSV file with a header row (delimiter `,`, `;` or tab). A plain split per line wherever no quote
 * is, so 100,000 lines take milliseconds.
 *
 * Most rosters are exports with nothing but one id per line. Such a text (see isPlain) is split
 * once and its lines are its ids as they stand, so the id at index i is on line i + 1, column 1:
 * no per-line trimming, and no arrays of positions to keep for a million ids.
 */
import { didYouMean } from './did-you-mean.js';
import { show } from './wording.js';

/** The cell delimiters a CSV roster may use. */
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface RosterColumns {
  /** CSV: header of the id column (default: the first). */
  column?: string;
  /** CSV: the cell delimiter (default: the one the header line uses). */
  delimiter?: Delimiter;
  /** CSV: further columns read alongside the ids (for example a user's email). */
  extra?: readonly string[];
}

export interface RosterProblem {
  line: number;
  col: number;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
}

export interface ParsedRoster {
  ids: string[];
  /** 1-based line and column of ids[i], for messages that point into the roster. */
  at(i: number): { line: number; col: number };
  /**
   * The ids are the file's lines exactly: printable ASCII without spaces or `#`, no blank line
   * (but an empty last one). A rule about the characters of an id can then be settled per file.
   */
  plain: boolean;
  /** Values of the extra columns, one per id ('' when the cell is empty). */
  extra: Map<string, string[]>;
  problems: RosterProblem[];
}

export function parseRoster(text: string, csv: boolean, columns: RosterColumns = {}): ParsedRoster {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!csv && isPlain(body)) return plainRoster(body);
  const rows = body.split('\n');
  return csv ? parseCsv(rows, columns) : parseLines(rows);
}

/**
 * Whether every line is an id as it stands: what parseLines would keep of it unchanged. Printable
 * ASCII only, since trimming also strips Unicode spaces (U+00A0 and others); any other text takes
 * parseLines, which gives the same ids there.
 */
function isPlain(text: string): boolean {
  // One scan of the text: nothing but `\n` and `!`..`~` without `#`.
  return /^[\n!"$-~]*$/.test(text) && text.charCodeAt(0) !== 0x0a && !text.includes('\n\n');
}

function plainRoster(text: string): ParsedRoster {
  const ids = text.split('\n');
  if (ids[ids.length - 1] === '') ids.pop();
  return { ids, at: (i) => ({ line: i + 1, col: 1 }), plain: true, extra: new Map(), problems: [] };
}

/** Ids with the line and column of each, collected one at a time by the general parsers. */
function collector(): { out: ParsedRoster; add(id: string, line: number, col: number): void } {
  const lines: number[] = [];
  const cols: number[] = [];
  const out: ParsedRoster = { ids: [], at: (i) => ({ line: lines[i], col: cols[i] }), plain: false, extra: new Map(), problems: [] };
  const add = (id: string, line: number, col: number): void => {
    out.ids.push(id);
    lines.push(line);
    cols.push(col);
  };
  return { out, add };
}

function parseLines(rows: string[]): ParsedRoster {
  const { out, add } = collector();
  for (let i = 0; i < rows.length; i++) {
    let row = rows[i];
    const hash = row.indexOf('#');
    // `#` starts a comment at the start of a line or after a space; inside a word it is part of the id.
    if (hash === 0 || (hash > 0 && (row[hash - 1] === ' ' || row[hash - 1] === '\t'))) row = row.slice(0, hash);
    const id = row.trim();
    if (id === '') continue;
    add(id, i + 1, row.indexOf(id) + 1);
  }
  return out;
}

/**
 * CSV as exports write it (RFC 4180 and Excel's ways): a header row naming the columns, cells split
 * by the delimiter the header line uses (`,`, `;` as Excel writes in much of Europe, or a tab)
 * unless the roster reference names one, and quoted cells that may hold the delimiter, `""` for a
 * quote, and line breaks. Rows without a quote, nearly all of them, take a plain split.
 */
function parseCsv(rows: string[], columns: RosterColumns): ParsedRoster {
  const { out, add } = collector();
  let indexes: number[] | undefined;
  let delimiter = columns.delimiter;
  const extra = columns.extra ?? [];
  const extraValues = extra.map(() => [] as string[]);
  for (let i = 0; i < rows.length; i++) {
    const row = withoutCr(rows[i]!);
    if (row.trim() === '' || row.startsWith('#')) continue;
    delimiter ??= detectDelimiter(row);
    const line = i + 1;
    let cells: string[];
    // Where each cell's text starts, for records with quotes; plain rows compute it when needed.
    let starts: { line: number; col: number }[] | undefined;
    if (!row.includes('"')) {
      cells = row.split(delimiter);
    } else {
      const record = readQuotedRecord(rows, i, delimiter);
      if ('open' in record) {
        out.problems.push({ ...record.open, severity: 'error', message: 'a quote (") opened here is never closed', hint: 'close the quote: a quoted cell may hold line breaks, but it must end' });
        break;
      }
      cells = record.cells;
      starts = record.at;
      i = record.lastRow;
    }
    if (!indexes) {
      const header = cells.map((v) => v.trim());
      indexes = headerIndexes(header, [columns.column ?? header[0]!, ...extra], line, out.problems);
      if (!indexes) return out;
      extra.forEach((name, k) => out.extra.set(name, extraValues[k]!));
      continue;
    }
    const raw = cells[indexes[0]!] ?? '';
    const id = raw.trim();
    if (id === '') {
      out.problems.push({ line, col: 1, severity: 'warning', message: 'this row has no id in the id column; it is skipped' });
      continue;
    }
    const idColumn = indexes[0]!;
    if (starts) add(id, starts[idColumn]!.line, starts[idColumn]!.col + raw.indexOf(id));
    else add(id, line, plainCellStart(cells, idColumn, delimiter.length) + raw.indexOf(id) + 1);
    for (let k = 0; k < extraValues.length; k++) extraValues[k]!.push((cells[indexes[k + 1]!] ?? '').trim());
  }
  return out;
}

const withoutCr = (row: string): string => (row.endsWith('\r') ? row.slice(0, -1) : row);

/** The delimiter a header line uses most (outside quotes); a header of one column says nothing, so `,`. */
function detectDelimiter(header: string): Delimiter {
  const unquoted = header.replace(/"[^"]*"/g, '');
  let best: Delimiter = ',';
  let most = 0;
  for (const candidate of DELIMITERS) {
    const count = unquoted.split(candidate).length - 1;
    if (count > most) {
      best = candidate;
      most = count;
    }
  }
  return best;
}

/** Offset of cell `k` in a row split without quotes. */
function plainCellStart(cells: string[], k: number, delimiterLength: number): number {
  let offset = 0;
  for (let j = 0; j < k; j++) offset += cells[j]!.length + delimiterLength;
  return offset;
}

/**
 * One record that holds a quote, from row `first` on: a quoted cell runs to its closing quote,
 * across line breaks if need be. The cells, where each one's text starts (1-based, past an opening
 * quote), and the last row the record took; or where a quote opened that never closes.
 */
function readQuotedRecord(
  rows: readonly string[],
  first: number,
  delimiter: string,
): { cells: string[]; at: { line: number; col: number }[]; lastRow: number } | { open: { line: number; col: number } } {
  const cells: string[] = [];
  const at: { line: number; col: number }[] = [];
  let r = first;
  let row = withoutCr(rows[r]!);
  let i = 0;
  for (;;) {
    let cell = '';
    if (row[i] === '"') {
      const open = { line: r + 1, col: i + 1 };
      at.push({ line: r + 1, col: i + 2 });
      i++;
      for (;;) {
        const close = row.indexOf('"', i);
        if (close < 0) {
          // The cell goes on on the next line; the line break is part of it.
          if (++r >= rows.length) return { open };
          cell += `${row.slice(i)}\n`;
          row = withoutCr(rows[r]!);
          i = 0;
          continue;
        }
        cell += row.slice(i, close);
        i = close + 1;
        if (row[i] !== '"') break;
        cell += '"';
        i++;
      }
    } else {
      at.push({ line: r + 1, col: i + 1 });
    }
    const end = row.indexOf(delimiter, i);
    cells.push(cell + row.slice(i, end < 0 ? row.length : end));
    if (end < 0) return { cells, at, lastRow: r };
    i = end + delimiter.length;
  }
}

/** Index of each wanted column in the header row; undefined (with a problem each) when one is missing. */
function headerIndexes(header: string[], wanted: string[], line: number, problems: RosterProblem[]): number[] | undefined {
  const indexes = wanted.map((name) => header.indexOf(name));
  wanted.forEach((name, k) => {
    if (indexes[k] >= 0) return;
    const guess = didYouMean(name, header);
    problems.push({
      line,
      col: 1,
      severity: 'error',
      message: `the header row has no column ${show(name)}; its columns are ${header.map(show).join(', ')}`,
      hint: guess ? `did you mean \`${guess}\`?` : 'the first line of a CSV roster names its columns',
    });
  });
  return indexes.some((k) => k < 0) ? undefined : indexes;
}
