/** Loads desired-state files: read, parse, validate, read rosters, resolve; then checks across files. */
import path from 'node:path';
import { isNode } from 'yaml';
import { sameLocationTwice, type LocationClaim } from './cross-file.js';
import { MAX_YAML_BYTES, readLimited } from './file-limits.js';
import { expandPaths, type InputFile } from './input-paths.js';
import { rosterKey } from './members.js';
import { findRosterRefs, loadRoster, repositoryRoot, type Roster } from './roster-files.js';
import { resolveDesiredState } from './resolve.js';
import { checkSchema } from './schema-check.js';
import { PASTED_TOKEN_HINT, PASTED_TOKEN_MESSAGE, pastedTokenOffsets } from './token-check.js';
import type { DesiredState, Diagnostic } from './types.js';
import { parseYaml, type YamlLocator } from './yaml-source.js';

interface FileResult {
  state?: DesiredState;
  claim?: LocationClaim;
  diagnostics: Diagnostic[];
}

export async function loadDesiredStates(
  paths: string[],
  opts: { cwd?: string } = {},
): Promise<{ states: DesiredState[]; diagnostics: Diagnostic[] }> {
  const cwd = opts.cwd ?? process.cwd();
  const { files, diagnostics } = await expandPaths(paths, cwd);
  const roots = new Map<string, string>();
  const results = await Promise.all(files.map((file) => loadFile(file, roots)));
  const crossFile = sameLocationTwice(results.flatMap((r) => (r.claim ? [r.claim] : [])));
  const states: DesiredState[] = [];
  for (const result of results) {
    const own = crossFile.filter((d) => d.file === result.state?.source);
    diagnostics.push(...result.diagnostics, ...own);
    if (result.state && ![...result.diagnostics, ...own].some((d) => d.severity === 'error')) states.push(result.state);
  }
  return { states, diagnostics };
}

async function loadFile(input: InputFile, roots: Map<string, string>): Promise<FileResult> {
  const read = await readLimited(input.abs, MAX_YAML_BYTES);
  if ('problem' in read) {
    return { diagnostics: [{ file: input.display, line: 1, col: 1, severity: 'error', message: `${input.display} ${read.problem}`, hint: read.hint }] };
  }
  const { locator, data, diagnostics } = parseYaml(read.text, input.display);
  diagnostics.push(...pastedTokens(read.text, locator));
  if (data === undefined) return { diagnostics };
  diagnostics.push(...checkSchema(data, locator));
  const rosters = new Map<string, Roster>();
  const ctx = { yamlAbs: input.abs, yamlDisplay: input.display, locator, root: await repositoryRoot(path.dirname(input.abs), roots) };
  const refs = findRosterRefs(data);
  const loaded = await Promise.all(refs.map((ref) => loadRoster(ref, ctx)));
  loaded.forEach(({ roster, diagnostics: found }, i) => {
    diagnostics.push(...found);
    if (roster) rosters.set(rosterKey(refs[i].path), roster);
  });
  const { state, diagnostics: found } = resolveDesiredState(data, input.display, locator, rosters);
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
