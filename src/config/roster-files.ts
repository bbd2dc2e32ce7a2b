/**
 * Finds the roster files a desired-state file names (`users: {file: rosters/grade-5.csv}`), checks
 * that each stays inside the repository, and reads them. Staying inside matters in CI: a pull
 * request could otherwise point a roster at any file on the runner and have its lines echoed in
 * the plan posted back to the pull request.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_ROSTER_BYTES, readLimited } from './file-limits.js';
import { parseRoster, type Delimiter, type ParsedRoster } from './roster-parse.js';
import type { Diagnostic } from './types.js';
import { capped } from './capped.js';
import { idCharacterProblem, type CharacterProblem } from './id-characters.js';
import { show, type Path } from './wording.js';
import type { YamlLocator } from './yaml-source.js';

export type RosterKind = 'users' | 'devices';

export interface RosterRef {
  /** Path in the data of the member list ({file, column?}) this roster fills. */
  path: Path;
  kind: RosterKind;
  file: string;
  column?: string;
  /** CSV: the `delimiter:` the reference gives, if any (the header line's is used otherwise). */
  delimiter?: Delimiter;
  extra: string[];
}

/** How `delimiter:` is written in YAML (the schema allows these): a tab as `tab` or "\t". */
const DELIMITER_NAMES: Record<string, Delimiter> = { ',': ',', ';': ';', tab: '\t', '\t': '\t' };

export interface Roster extends ParsedRoster {
  /** The roster's path as shown in messages: relative like the YAML file's own. */
  display: string;
}

/**
 * Same rules as $defs/userId and $defs/serialNumber in the schema. `holdsForPlain`: every id of a plain
 * roster (see ParsedRoster) keeps the rule, so its ids need no check one by one.
 */
const ID_RULES: Record<RosterKind, { pattern: RegExp; rule: string; holdsForPlain: boolean }> = {
  users: { pattern: /^\S+$/, rule: 'a user id is one word without spaces', holdsForPlain: true },
  devices: { pattern: /^[A-Za-z0-9][A-Za-z0-9-]*$/, rule: 'a serial number is letters, digits and hyphens only', holdsForPlain: false },
};

/** Problems of one kind reported per roster before the rest are summed up in one line. */
const SHOWN_PER_ROSTER = 10;

const USER_EXTRA_COLUMNS = ['managedAppleIdColumn', 'emailColumn'] as const;

/** Every `users:` / `devices:` whose value is `{file: ...}`, wherever it is in the file. */
export function findRosterRefs(data: unknown): RosterRef[] {
  const refs: RosterRef[] = [];
  const walk = (node: unknown, at: (string | number)[]): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        if (item !== null && typeof item === 'object') walk(item, [...at, i]);
      });
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      const ref = value as Record<string, unknown> | null;
      if ((key === 'users' || key === 'devices') && isRosterObject(ref)) {
        const extra = key === 'users' && at.length === 0 ? USER_EXTRA_COLUMNS.map((k) => ref[k]).filter((c) => typeof c === 'string') : [];
        refs.push({
          path: [...at, key],
          kind: key,
          file: ref.file,
          column: typeof ref.column === 'string' ? ref.column : undefined,
          delimiter: typeof ref.delimiter === 'string' ? DELIMITER_NAMES[ref.delimiter] : undefined,
          extra,
        });
      } else {
        walk(value, [...at, key]);
      }
    }
  };
  walk(data, []);
  return refs;
}

function isRosterObject(value: unknown): value is { file: string } & Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { file?: unknown }).file === 'string';
}

export interface RosterContext {
  yamlAbs: string;
  yamlDisplay: string;
  locator: YamlLocator;
  /** Directory roster files must stay inside (the repository root). */
  root: string;
}

/** A roster file read but not yet parsed, or why it could not be read. */
export type RosterFile = { ref: RosterRef; display: string; text: string } | { ref: RosterRef; diagnostics: Diagnostic[] };

export async function readRoster(ref: RosterRef, ctx: RosterContext): Promise<RosterFile> {
  const display = path.join(path.dirname(ctx.yamlDisplay), ref.file);
  const fail = (message: string, hint?: string, at = ctx.locator.at([...ref.path, 'file'])): RosterFile => ({
    ref,
    diagnostics: [{ ...at, severity: 'error', message, hint }],
  });
  if (path.isAbsolute(ref.file)) {
    return fail(`roster file ${show(ref.file)} is an absolute path`, 'write the path relative to this YAML file, for example rosters/grade-5.csv');
  }
  const abs = path.resolve(path.dirname(ctx.yamlAbs), ref.file);
  if (!(await isInside(abs, ctx.root))) {
    return fail(`roster file ${show(ref.file)} is outside the repository`, 'keep roster files in the repository, next to the YAML files that use them');
  }
  if (!isCsv(ref) && (ref.column !== undefined || ref.delimiter !== undefined || ref.extra.length > 0)) {
    const key = ref.column !== undefined ? 'column' : ref.delimiter !== undefined ? 'delimiter' : 'file';
    return fail(
      `${key === 'delimiter' ? 'a delimiter applies' : 'columns apply'} to CSV files only, and ${show(ref.file)} does not end in .csv`,
      `remove the ${key === 'delimiter' ? 'delimiter' : 'column'} settings, or rename the file to .csv if it is CSV with a header row`,
      ctx.locator.at([...ref.path, key], 'key'),
    );
  }
  const read = await readLimited(abs, MAX_ROSTER_BYTES);
  if ('problem' in read) {
    return fail(`roster file ${show(ref.file)} ${read.problem}`, read.hint ?? `the path is relative to this YAML file (looked for ${abs})`);
  }
  return { ref, display, text: read.text };
}

/** The ids of a roster file read by readRoster, and what is wrong with them. */
export function parseRosterFile(file: Extract<RosterFile, { text: string }>): { roster: Roster; diagnostics: Diagnostic[] } {
  const { ref } = file;
  const roster: Roster = { ...parseRoster(file.text, isCsv(ref), { column: ref.column, delimiter: ref.delimiter, extra: ref.extra }), display: file.display };
  return { roster, diagnostics: [...problemDiagnostics(roster), ...invalidIdDiagnostics(roster, ref.kind)] };
}

function isCsv(ref: RosterRef): boolean {
  return /\.csv$/i.test(ref.file);
}

function problemDiagnostics(roster: Roster): Diagnostic[] {
  return (['error', 'warning'] as const).flatMap((severity) =>
    capped(
      roster.problems.filter((p) => p.severity === severity),
      SHOWN_PER_ROSTER,
      (p) => ({ file: roster.display, ...p }),
      `${severity}s like the above in ${roster.display}`,
    ),
  );
}

function invalidIdDiagnostics(roster: Roster, kind: RosterKind): Diagnostic[] {
  const { pattern, rule, holdsForPlain } = ID_RULES[kind];
  // A plain roster is printable ASCII without spaces: no hidden or look-alike characters either.
  if (roster.plain && holdsForPlain) return [];
  const invalid: number[] = [];
  const odd: { i: number; problem: CharacterProblem }[] = [];
  roster.ids.forEach((id, i) => {
    if (!pattern.test(id)) invalid.push(i);
    else if (kind === 'users') {
      const problem = idCharacterProblem(id, 'user id');
      if (problem) odd.push({ i, problem });
    }
  });
  for (const [column, values] of roster.extra) {
    values.forEach((value, i) => {
      const problem = idCharacterProblem(value, `\`${column}\` value`);
      // The row of the id; extra cells have no column of their own recorded.
      if (problem) odd.push({ i, problem });
    });
  }
  const describe = (i: number): Diagnostic => {
    const id = roster.ids[i];
    return {
      file: roster.display,
      ...roster.at(i),
      severity: 'error',
      message: `${show(id)} is not a valid ${kind === 'users' ? 'user id' : 'serial number'}: ${rule}`,
      hint: kind === 'users' ? 'check that the roster has one id per line, or that `column` names the id column' : 'check that the roster has one serial number per line',
    };
  };
  return [
    ...capped(invalid, SHOWN_PER_ROSTER, describe, `invalid ids in ${roster.display}`),
    ...capped(odd, SHOWN_PER_ROSTER, ({ i, problem }) => ({ file: roster.display, ...roster.at(i), ...problem }), `ids with hidden or look-alike characters in ${roster.display}`),
  ];
}

async function isInside(abs: string, root: string): Promise<boolean> {
  const real = await realpath(abs).catch(() => abs);
  const rel = path.relative(root, real);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The nearest folder above `dir` holding `.git`; without one, `dir` itself. Symbolic links resolved. */
export async function repositoryRoot(dir: string, cache: Map<string, string>): Promise<string> {
  const cached = cache.get(dir);
  if (cached) return cached;
  let probe = await realpath(dir).catch(() => dir);
  let root = probe;
  for (;;) {
    if (await stat(path.join(probe, '.git')).then(() => true, () => false)) {
      root = probe;
      break;
    }
    const up = path.dirname(probe);
    if (up === probe) break;
    probe = up;
  }
  cache.set(dir, root);
  return root;
}
