/** How a diagnostic is printed: for a terminal (`file:line:col: error: message`) and for GitHub Actions annotations. */
import { Chalk } from 'chalk';
import { escapeData, escapeProperty } from '../shared/workflow-commands.js';
import type { Diagnostic } from './types.js';

const colored = new Chalk({ level: 1 });

export function formatDiagnostic(d: Diagnostic, opts: { color?: boolean } = {}): string {
  const where = `${d.file}:${d.line}:${d.col}`;
  if (!opts.color) return `${where}: ${d.severity}: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`;
  const severity = d.severity === 'error' ? colored.red.bold('error') : colored.yellow.bold('warning');
  return `${colored.bold(where)}: ${severity}: ${d.message}${d.hint ? `\n  ${colored.cyan('hint')}: ${d.hint}` : ''}`;
}

/** `::error file=…,line=…,col=…::message`, escaped as GitHub's workflow commands require. */
export function githubAnnotation(d: Diagnostic): string {
  const message = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
  return `::${d.severity} file=${escapeProperty(d.file)},line=${d.line},col=${d.col}::${escapeData(message)}`;
}
