/**
 * Reads the ids out of a roster file's text: one id per line (`#` comments), or one column of a
 * CSV file with a header row. A plain split per line, so 100,000 lines take milliseconds.
 *
 * Most rosters are exports with nothing but one id per line. Such a text (see isPlain) is split
 * once and its lines are its ids as they stand, so the id at index i is on line i + 1, column 1:
 * no per-line trimming, and no arrays of positions to keep for a million ids.
 */
import { didYouMean } from './did-you-mean.js';
import { show } from './wording.js';

export interface RosterColumns {
  /** CSV: header of the id column (default: the first). */
  column?: string;
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

function parseCsv(rows: string[], columns: RosterColumns): ParsedRoster {
  const { out, add } = collector();
  let indexes: number[] | undefined;
  const extra = columns.extra ?? [];
  const extraValues = extra.map(() => [] as string[]);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i].endsWith('\r') ? rows[i].slice(0, -1) : rows[i];
    if (row.trim() === '' || row.startsWith('#')) continue;
    const cells = splitCsvRow(row);
    if (!cells) {
      out.problems.push({ line: i + 1, col: 1, severity: 'error', message: 'a quote (") is not closed on this line', hint: 'close the quote; a cell cannot span lines' });
      continue;
    }
    if (!indexes) {
      const header = cells.map((v) => v.trim());
      indexes = headerIndexes(header, [columns.column ?? header[0], ...extra], i + 1, out.problems);
      if (!indexes) return out;
      extra.forEach((name, k) => out.extra.set(name, extraValues[k]));
      continue;
    }
    const raw = cells[indexes[0]] ?? '';
    const id = raw.trim();
    if (id === '') {
      out.problems.push({ line: i + 1, col: 1, severity: 'warning', message: 'this row has no id in the id column; it is skipped' });
      continue;
    }
    add(id, i + 1, cellStart(row, cells, indexes[0]) + raw.indexOf(id) + 1);
    for (let k = 0; k < extraValues.length; k++) extraValues[k].push((cells[indexes[k + 1]] ?? '').trim());
  }
  return out;
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

/** Cells of one CSV row; undefined when a quote is left open. Rows without quotes take a plain split. */
export function splitCsvRow(row: string): string[] | undefined {
  if (!row.includes('"')) return row.split(',');
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (row[i] === '"') {
      i++;
      for (;;) {
        const close = row.indexOf('"', i);
        if (close < 0) return undefined;
        cell += row.slice(i, close);
        i = close + 1;
        if (row[i] !== '"') break;
        cell += '"';
        i++;
      }
    }
    const comma = row.indexOf(',', i);
    const end = comma < 0 ? row.length : comma;
    cells.push(cell + row.slice(i, end));
    if (comma < 0) return cells;
    i = comma + 1;
  }
}

/** Offset of cell `k` in its row: exact for unquoted rows, where the cell's text is found otherwise. */
function cellStart(row: string, cells: string[], k: number): number {
  if (!row.includes('"')) {
    let offset = 0;
    for (let j = 0; j < k; j++) offset += cells[j].length + 1;
    return offset;
  }
  return Math.max(0, row.indexOf(cells[k]));
}
