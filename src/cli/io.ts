/** Where a command reads and writes: the process by default, buffers in tests and in the GitHub Action. */
export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Tokens are read from here, under the names the location files give. */
  env: NodeJS.ProcessEnv;
  /** For apply's confirmation prompt. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin };
}

/** Progress bars only for a person at a terminal who has not opted out (colour: render's colorEnabled). */
export function interactive(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb' && env.CI !== 'true';
}
