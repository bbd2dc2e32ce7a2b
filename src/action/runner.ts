/**
 * The few pieces of the GitHub Actions runner protocol the action needs, written out so the bundle
 * carries no @actions/* dependency: workflow commands on stdout, outputs and the job summary in the
 * files the runner names. Everything written through here is redacted of the masked values first,
 * because the runner masks its log but not what we put in outputs, summaries or comments.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { escapeData, escapeProperty } from '../shared/workflow-commands.js';
import type { SourceRef } from '../config/types.js';

export interface Sink {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface Runner {
  readonly env: NodeJS.ProcessEnv;
  /** stdout/stderr for the CLI commands, with masked values replaced by `***`. */
  readonly stdout: Sink;
  readonly stderr: Sink;
  /** `::add-mask::` each line of a secret and remember it for redaction. */
  mask(secret: string): void;
  redact(text: string): string;
  info(line: string): void;
  notice(message: string): void;
  warning(message: string, at?: SourceRef): void;
  /** An error annotation, on the file's line when `at` says where. */
  error(message: string, at?: SourceRef): void;
  group<T>(title: string, work: () => Promise<T>): Promise<T>;
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): void;
}

function properties(at?: SourceRef): string {
  return at ? ` file=${escapeProperty(at.file)},line=${at.line},col=${at.col}` : '';
}

export function createRunner(env: NodeJS.ProcessEnv, stdout: Sink, stderr: Sink): Runner {
  const secrets: string[] = [];
  const redact = (text: string): string => secrets.reduce((t, s) => t.split(s).join('***'), text);
  const redacting = (sink: Sink): Sink => ({ write: (s: string) => sink.write(redact(s)), isTTY: false });
  const command = (name: string, message: string, at?: SourceRef): void => {
    stdout.write(`::${name}${properties(at)}::${escapeData(redact(message))}\n`);
  };

  return {
    env,
    stdout: redacting(stdout),
    stderr: redacting(stderr),
    mask(secret) {
      for (const line of secret.split(/\r?\n/)) {
        const value = line.trim();
        if (value === '' || secrets.includes(value)) continue;
        // The only place a secret is written: the runner consumes this line and never shows it.
        stdout.write(`::add-mask::${value}\n`);
        secrets.push(value);
      }
      // Longest first, so a secret containing another is replaced whole.
      secrets.sort((a, b) => b.length - a.length);
    },
    redact,
    info: (line) => void stdout.write(`${redact(line)}\n`),
    notice: (message) => command('notice', message),
    warning: (message, at) => command('warning', message, at),
    error: (message, at) => command('error', message, at),
    async group(title, work) {
      command('group', title);
      try {
        return await work();
      } finally {
        stdout.write('::endgroup::\n');
      }
    },
    setOutput(name, value) {
      const file = env.GITHUB_OUTPUT;
      if (!file) return;
      const clean = redact(value);
      // A delimiter the value cannot contain, so multiline values are safe (runner heredoc format).
      const delimiter = `ghadelimiter_${randomUUID()}`;
      appendFileSync(file, `${name}<<${delimiter}\n${clean}\n${delimiter}\n`);
    },
    appendSummary(markdown) {
      const file = env.GITHUB_STEP_SUMMARY;
      if (file) appendFileSync(file, `${redact(markdown)}\n`);
    },
  };
}
