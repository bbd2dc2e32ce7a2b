/** How a diagnostic is printed: for a terminal (`file:line:col: error: message`) and for GitHub Actions annotations. */
import { Chalk } from 'chalk';
import { visibleText } from '../shared/visible-text.js';
import { escapeData, escapeProperty } from '../shared/workflow-commands.js';
import type { Diagnostic } from './types.js';

const colored = new Chalk({ level: 1 });

/**
 * Messages quote the file (show() escapes what they quote); the file name and any text that got
 * in unquoted are escaped here too, so nothing from a file reaches a terminal or an annotation raw.
 */
function visible(d: Diagnostic): Diagnostic {
  return { ...d, file: visibleText(d.file), message: visibleText(d.message), ...(d.hint !== undefined && { hint: visibleText(d.hint) }) };
}

export function formatDiagnostic(raw: Diagnostic, opts: { color?: boolean } = {}): string {
  const d = visible(raw);
  const where = `${d.file}:${d.line}:${d.col}`;
  if (!opts.color) return `${where}: ${d.severity}: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`;
  const severity = d.severity === 'error' ? colored.red.bold('error') : colored.yellow.bold('warning');
  return `${colored.bold(where)}: ${severity}: ${d.message}${d.hint ? `\n  ${colored.cyan('hint')}: ${d.hint}` : ''}`;
}

/** `::error file=…,line=…,col=…::message`, escaped as GitHub's workflow commands require. */
export function githubAnnotation(raw: Diagnostic): string {
  const d = visible(raw);
  const message = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
  return `::${d.severity} file=${escapeProperty(d.file)},line=${d.line},col=${d.col}::${escapeData(message)}`;
}
