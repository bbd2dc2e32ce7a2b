import { plural } from '../shared/plural.js';

/** A piece of the details: its compact form is shown when room allows, its full form when more does. */
export interface DetailPiece {
  compact: string;
  /** Compact form plus the member list; built only when it may be shown, so huge plans stay cheap. */
  full?: () => string;
  /** Member lines in the full form: the largest lists are the first to go. */
  members: number;
  /** How the "… N more" note counts this piece when it is dropped. */
  noun: 'asset' | 'change' | 'location';
}

export interface MarkdownLayout {
  /** Never shortened: heading, summary table, errors. */
  head: string[];
  /** List items; cut from the end, with a count of the rest, when room runs out. */
  warnings: string[];
  details: DetailPiece[];
  /** Never shortened: the summary line and, on failure, the failure line. */
  tail: string;
  maxLength: number;
}

const SEP = '\n\n';
const WARNINGS_HEADING = '### ⚠️ Warnings';

function cost(s: string): number {
  return s.length + SEP.length;
}

function sum(xs: readonly number[], end = xs.length): number {
  let total = 0;
  for (let i = 0; i < end; i++) total += xs[i]!;
  return total;
}

/** How many leading items fit in `budget`. */
function fittingPrefix(costs: readonly number[], budget: number): number {
  let used = 0;
  let n = 0;
  while (n < costs.length && used + costs[n]! <= budget) used += costs[n++]!;
  return n;
}

function moreWarnings(n: number): string {
  return `- … ${plural(n, 'more warning')}`;
}

function fitWarnings(items: readonly string[], budget: number): string | undefined {
  if (items.length === 0) return undefined;
  const costs = items.map((s) => s.length + 1);
  // The piece is heading + blank line + items, each item's cost counting its newline.
  const room = budget - cost(WARNINGS_HEADING) - SEP.length;
  let kept = items.length;
  if (sum(costs) > room) {
    const reserve = moreWarnings(items.length).length + 1;
    if (room < reserve) return undefined;
    kept = fittingPrefix(costs, room - reserve);
  }
  const lines = items.slice(0, kept);
  if (kept < items.length) lines.push(moreWarnings(items.length - kept));
  return `${WARNINGS_HEADING}${SEP}${lines.join('\n')}`;
}

type Tally = Record<DetailPiece['noun'], number>;

function tallyOf(dropped: readonly DetailPiece[]): Tally {
  const tally: Tally = { asset: 0, change: 0, location: 0 };
  for (const p of dropped) tally[p.noun]++;
  return tally;
}

function droppedNote(tally: Tally): string {
  const parts = (['asset', 'change', 'location'] as const)
    .filter((noun) => tally[noun] > 0)
    .map((noun) => plural(tally[noun], `more ${noun}`));
  return `… ${parts.join(', ')}; run \`vppctl plan\` for the full list`;
}

function omittedNote(n: number): string {
  return `_Member lists of ${plural(n, 'change')} are left out to keep this comment short; run \`vppctl plan --verbose\` for them._`;
}

/** Room the longest possible "… N more" note takes: details always keep at least this much. */
function dropNoteReserve(pieces: readonly DetailPiece[]): number {
  const n = pieces.length;
  return n > 0 ? cost(droppedNote({ asset: n, change: n, location: n })) : 0;
}

/**
 * Fits the details into `budget`: first every piece compact, dropping whole pieces from the end
 * only if even that is too long; then member lists added back from the smallest up, so the largest
 * lists are the ones left out. Notes say what is missing.
 */
function fitDetails(pieces: readonly DetailPiece[], budget: number): string[] {
  const out = pieces.map((p) => p.compact);
  const costs = out.map(cost);
  const candidates = pieces
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.full !== undefined)
    .sort((a, b) => a.p.members - b.p.members)
    .map(({ i }) => i);
  const omittedReserve = candidates.length > 0 ? cost(omittedNote(candidates.length)) : 0;
  const dropReserve = dropNoteReserve(pieces);
  const kept = sum(costs) + omittedReserve <= budget
    ? pieces.length
    : fittingPrefix(costs, budget - omittedReserve - dropReserve);
  const dropNote = kept < pieces.length ? droppedNote(tallyOf(pieces.slice(kept))) : undefined;
  let room = budget - sum(costs, kept) - (dropNote ? cost(dropNote) : 0);

  const shown = candidates.filter((i) => i < kept);
  const upgraded: { i: number; extra: number }[] = [];
  for (const i of shown) {
    const full = pieces[i]!.full!();
    const extra = full.length - out[i]!.length;
    if (extra > room) break;
    room -= extra;
    out[i] = full;
    upgraded.push({ i, extra });
  }
  const notes: string[] = [];
  if (upgraded.length < shown.length) {
    // The note needs room too: give back the largest lists added until it fits.
    while (upgraded.length > 0 && room < cost(omittedNote(shown.length - upgraded.length))) {
      const last = upgraded.pop()!;
      out[last.i] = pieces[last.i]!.compact;
      room += last.extra;
    }
    notes.push(omittedNote(shown.length - upgraded.length));
  }
  return [...notes, ...out.slice(0, kept), ...(dropNote ? [dropNote] : [])];
}

/** Joins the comment, shortening warnings and details (never head or tail) to stay within maxLength. */
export function layoutMarkdown(l: MarkdownLayout): string {
  let budget = l.maxLength - l.tail.length;
  for (const h of l.head) budget -= cost(h);
  const warnings = fitWarnings(l.warnings, budget - dropNoteReserve(l.details));
  if (warnings !== undefined) budget -= cost(warnings);
  const details = fitDetails(l.details, budget);
  return [...l.head, ...(warnings === undefined ? [] : [warnings]), ...details, l.tail].join(SEP);
}
