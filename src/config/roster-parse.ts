/**
 * Reads the ids out of a roster file's text: one id per line (`#` comments), or one column of a
 * CSV file with a header row. A plain split per line, so 100,000 lines take milliseconds.
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
  /** 1-based line and column of each id, for messages that point into the roster. */
  lines: number[];
  cols: number[];
  /** Values of the extra columns, one per id ('' when the cell is empty). */
  extra: Map<string, string[]>;
  problems: RosterProblem[];
}

export function parseRoster(text: string, csv: boolean, columns: RosterColumns = {}): ParsedRoster {
  const rows = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  return csv ? parseCsv(rows, columns) : parseLines(rows);
}

function parseLines(rows: string[]): ParsedRoster {
  const out: ParsedRoster = { ids: [], lines: [], cols: [], extra: new Map(), problems: [] };
  for (let i = 0; i < rows.length; i++) {
    let row = rows[i];
    const hash = row.indexOf('#');
    // `#` starts a comment at the start of a line or after a space; inside a word it is part of the id.
    if (hash === 0 || (hash > 0 && (row[hash - 1] === ' ' || row[hash - 1] === '\t'))) row = row.slice(0, hash);
    const id = row.trim();
    if (id === '') continue;
    out.ids.push(id);
    out.lines.push(i + 1);
    out.cols.push(row.indexOf(id) + 1);
  }
  return out;
}

function parseCsv(rows: string[], columns: RosterColumns): ParsedRoster {
  const out: ParsedRoster = { ids: [], lines: [], cols: [], extra: new Map(), problems: [] };
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
    out.ids.push(id);
    out.lines.push(i + 1);
    out.cols.push(cellStart(row, cells, indexes[0]) + raw.indexOf(id) + 1);
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
