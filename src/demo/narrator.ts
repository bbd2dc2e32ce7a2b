/** How the demo talks: a heading per step, a few plain sentences, the command as typed. */
import { colorEnabled, palette } from '../render/color.js';

export interface Narrator {
  heading(title: string): void;
  say(text: string): void;
  command(argv: string[]): void;
  /** Unified diff lines, additions green and removals red. */
  diff(lines: string[]): void;
  /** The demo itself failed: why, on stderr. */
  fail(text: string): void;
}

export function narrator(out: { write(s: string): unknown; isTTY?: boolean }, err: { write(s: string): unknown }, env: NodeJS.ProcessEnv): Narrator {
  const c = palette(colorEnabled(out, env));
  return {
    heading: (title) => out.write(`\n${c.bold.underline(title)}\n\n`),
    say: (text) => out.write(`${text}\n\n`),
    command: (argv) => out.write(`${c.cyan(`$ vppctl ${argv.join(' ')}`)}\n`),
    diff: (lines) => out.write(`${lines.map((l) => (l.startsWith('+') ? c.green(l) : l.startsWith('-') ? c.red(l) : l)).join('\n')}\n`),
    fail: (text) => err.write(`\n${c.red.bold('demo failed:')} ${text}\n`),
  };
}
