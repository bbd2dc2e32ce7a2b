/**
 * The few pieces of the GitHub Actions runner protocol the action needs, written out so the bundle
 * carries no @actions/* dependency: workflow commands on stdout, outputs and the job summary in the
 * files the runner names. Everything written through here is redacted of the masked values first,
 * because the runner masks its log but not what we put in outputs, summaries or comments.
 *
 * The job summary of a step may hold 1 MiB: past that GitHub drops all of it. appendSummary keeps
 * the total under SUMMARY_BUDGET whatever the number of locations: a section that does not fit is
 * cut at a line end, and once the budget is spent a last line says where the rest is.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { githubAnnotation } from '../config/index.js';
import type { Diagnostic, SourceRef } from '../config/types.js';
import { escapeData, escapeProperty } from '../shared/workflow-commands.js';

/** GitHub's 1 MiB per step, less room for the closing note and for UTF-8 rounding. */
export const SUMMARY_BUDGET = 1024 * 1024 - 4 * 1024;

const SUMMARY_FULL =
  '\n\n**The job summary is full** (GitHub keeps at most 1 MiB): the rest of this run is in its log, and every plan is in the `plan-file` output.\n';

export interface Sink {
  write(s: string): unknown;
}

export interface Runner {
  readonly env: NodeJS.ProcessEnv;
  /** `::add-mask::` each line of a secret and remember it for redaction. */
  mask(secret: string): void;
  redact(text: string): string;
  info(line: string): void;
  /**
   * Text from files or Apple (a plan, a log line) for the log, with workflow commands off while it
   * is written, so a location name such as `::error::…` is shown and never obeyed.
   */
  verbatim(text: string): void;
  /** A diagnostic as an annotation on its file, line and column. */
  annotate(d: Diagnostic): void;
  notice(message: string): void;
  warning(message: string, at?: SourceRef): void;
  /** An error annotation, on the file's line when `at` says where. */
  error(message: string, at?: SourceRef): void;
  group<T>(title: string, work: () => Promise<T>): Promise<T>;
  setOutput(name: string, value: string): void;
  /** Appends a section to the job summary, cut to fit what is left of SUMMARY_BUDGET. */
  appendSummary(markdown: string): void;
  /** Bytes of the job summary still free. */
  summaryRoom(): number;
}

function properties(at?: SourceRef): string {
  return at ? ` file=${escapeProperty(at.file)},line=${at.line},col=${at.col}` : '';
}

/** `text` cut at a line end to at most `bytes` bytes of UTF-8. */
function cutToBytes(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text;
  // A character split at the cut decodes as U+FFFD: dropped with the partial line anyway.
  const head = Buffer.from(text).subarray(0, bytes).toString('utf8').replace(/\uFFFD$/, '');
  const cut = head.lastIndexOf('\n');
  return cut > 0 ? head.slice(0, cut) : '';
}

export function createRunner(env: NodeJS.ProcessEnv, stdout: Sink): Runner {
  const secrets: string[] = [];
  const redact = (text: string): string => secrets.reduce((t, s) => t.split(s).join('***'), text);
  const command = (name: string, message: string, at?: SourceRef): void => {
    stdout.write(`::${name}${properties(at)}::${escapeData(redact(message))}\n`);
  };
  let summaryBytes = 0;
  let summaryFull = false;

  return {
    env,
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
    verbatim(text) {
      const token = randomUUID();
      stdout.write(`::stop-commands::${token}\n${redact(text)}${text.endsWith('\n') ? '' : '\n'}::${token}::\n`);
    },
    annotate: (d) => void stdout.write(`${redact(githubAnnotation(d))}\n`),
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
      if (!file || summaryFull) return;
      const text = `${redact(markdown)}\n`;
      const room = SUMMARY_BUDGET - summaryBytes;
      const fits = Buffer.byteLength(text) <= room;
      const written = fits ? text : `${cutToBytes(text, room)}${SUMMARY_FULL}`;
      summaryFull = !fits;
      summaryBytes += Buffer.byteLength(written);
      appendFileSync(file, written);
    },
    summaryRoom: () => (summaryFull ? 0 : SUMMARY_BUDGET - summaryBytes),
  };
}
