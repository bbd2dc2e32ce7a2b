/** Loads desired-state files: read, parse, validate, read rosters, resolve; then checks across files. */
import path from 'node:path';
import PQueue from 'p-queue';
import { isNode } from 'yaml';
import { characterDiagnostics } from './character-checks.js';
import { sameLocationTwice, type LocationClaim } from './cross-file.js';
import { MAX_YAML_BYTES, readLimited } from './file-limits.js';
import { expandPaths, type InputFile } from './input-paths.js';
import { locationOf, type LocationHeader } from './location-block.js';
import { rosterKey } from './members.js';
import { findRosterRefs, parseRosterFile, readRoster, repositoryRoot, type Roster } from './roster-files.js';
import { resolveDesiredState } from './resolve.js';
import { checkSchema } from './schema-check.js';
import { TimeSlices } from './time-slices.js';
import { PASTED_TOKEN_HINT, PASTED_TOKEN_MESSAGE, pastedTokenOffsets } from './token-check.js';
import type { DesiredState, Diagnostic } from './types.js';
import { parseYaml, type YamlLocator } from './yaml-source.js';

interface FileResult {
  state?: DesiredState;
  claim?: LocationClaim;
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  cwd?: string;
  /**
   * Told each file's location as soon as its YAML has parsed and passed the schema (which checks
   * that the token is a variable name), before its roster files are read: a caller can start
   * reading the live location meanwhile. The file may still fail later (a roster, a group, another
   * file claiming the same location), so nothing may be written on the strength of this alone.
   */
  onLocation?: (location: LocationHeader) => void;
  /** Files loaded at once (default: all); `--parallel` bounds it with the locations worked on at once. */
  parallel?: number;
}

export async function loadDesiredStates(
  paths: string[],
  opts: LoadOptions = {},
): Promise<{ states: DesiredState[]; diagnostics: Diagnostic[] }> {
  const cwd = opts.cwd ?? process.cwd();
  const { files, diagnostics } = await expandPaths(paths, cwd);
  const roots = new Map<string, string>();
  const queue = new PQueue({ concurrency: opts.parallel ?? Number.POSITIVE_INFINITY });
  const results = await Promise.all(files.map((file) => queue.add(() => loadFile(file, roots, opts.onLocation))));
  const crossFile = sameLocationTwice(results.flatMap((r) => (r.claim ? [r.claim] : [])));
  const states: DesiredState[] = [];
  for (const result of results) {
    const own = crossFile.filter((d) => d.file === result.state?.source);
    diagnostics.push(...result.diagnostics, ...own);
    if (result.state && ![...result.diagnostics, ...own].some((d) => d.severity === 'error')) states.push(result.state);
  }
  return { states, diagnostics };
}

async function loadFile(input: InputFile, roots: Map<string, string>, onLocation: LoadOptions['onLocation']): Promise<FileResult> {
  const read = await readLimited(input.abs, MAX_YAML_BYTES);
  if ('problem' in read) {
    return { diagnostics: [{ file: input.display, line: 1, col: 1, severity: 'error', message: `${input.display} ${read.problem}`, hint: read.hint }] };
  }
  const { locator, data, diagnostics } = parseYaml(read.text, input.display);
  diagnostics.push(...pastedTokens(read.text, locator));
  if (data === undefined) return { diagnostics };
  diagnostics.push(...checkSchema(data, locator), ...characterDiagnostics(data, locator));
  if (onLocation && !diagnostics.some((d) => d.severity === 'error')) {
    const { name, tokenEnv, mdm } = locationOf(data);
    onLocation({ source: input.display, name, tokenEnv, ...(mdm ? { mdmId: mdm.id } : {}) });
  }
  const rosters = new Map<string, Roster>();
  const ctx = { yamlAbs: input.abs, yamlDisplay: input.display, locator, root: await repositoryRoot(path.dirname(input.abs), roots) };
  const refs = findRosterRefs(data);
  // One file at a time, each parsed as soon as it is read and its text dropped: a district's roster
  // texts (9 MB) read all at once would be copied by every young-generation GC until parsed. And
  // with pauses between files: a million ids parsed in one stretch would stall a live read started
  // by onLocation.
  const slices = new TimeSlices();
  for (const ref of refs) {
    const file = await readRoster(ref, ctx);
    if (!('text' in file)) {
      diagnostics.push(...file.diagnostics);
      continue;
    }
    await slices.pause();
    const { roster, diagnostics: found } = parseRosterFile(file);
    diagnostics.push(...found);
    rosters.set(rosterKey(file.ref.path), roster);
  }
  const { state, diagnostics: found } = await resolveDesiredState(data, input.display, locator, rosters);
  diagnostics.push(...found);
  // The file's own lines first, then its rosters', each in reading order.
  diagnostics.sort((a, b) => Number(a.file !== input.display) - Number(b.file !== input.display) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col);
  state.warnings = diagnostics.filter((d) => d.severity === 'warning');
  const tokenGiven = typeof (data as { location?: { token?: unknown } } | null)?.location?.token === 'string';
  const claim = {
    state,
    tokenAt: tokenGiven ? locator.at(['location', 'token']) : locator.at(['location'], 'key'),
  };
  return { state, claim, diagnostics };
}

function pastedTokens(text: string, locator: YamlLocator): Diagnostic[] {
  const tokenNode = locator.doc.getIn(['location', 'token'], true);
  const skip = isNode(tokenNode) ? tokenNode.range : undefined;
  return pastedTokenOffsets(text, skip ? [skip[0], skip[1]] : undefined).map((offset) => ({
    ...locator.offset(offset),
    severity: 'error',
    message: PASTED_TOKEN_MESSAGE,
    hint: PASTED_TOKEN_HINT,
  }));
}
