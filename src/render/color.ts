import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Whether to colour output written to `stream`. FORCE_COLOR wins over everything (as in Node and
 * chalk; `0` / `false` force colour off); otherwise a non-empty NO_COLOR, TERM=dumb or a stream
 * that is not a terminal turn colour off.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** A private chalk instance: the global one guesses from the environment, we decide explicitly. */
export function palette(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}
