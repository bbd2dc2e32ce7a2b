/**
 * Ctrl-C while vppctl works: the terminal is given back (progress lines cleared, cursor shown),
 * every location lock this process holds is released, one line says what to do, and the exit code
 * is 130 (128 + SIGINT), as shells expect. The apply journal needs nothing here: each record is
 * written and fsync-ed whole before apply acts on it, and a signal is handled between records,
 * so the next apply resumes from it as after any interruption.
 */
import { releaseHeldLocks } from '../apply/index.js';
import type { Io } from './io.js';
import type { ProgressLines } from './progress.js';

export async function interruptible<T>(io: Io, lines: ProgressLines, message: string, work: () => Promise<T>): Promise<T> {
  const onSigint = (): void => {
    lines.stop();
    releaseHeldLocks();
    io.stderr.write(`\n${message}\n`);
    process.exit(130);
  };
  process.once('SIGINT', onSigint);
  try {
    return await work();
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
