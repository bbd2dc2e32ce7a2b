/**
 * Progress bars for long work (snapshot pages, apply requests and events). On a terminal they draw
 * with cli-progress on stderr; otherwise they are silent, so logs and pipes stay clean. cli-progress
 * is loaded only for a terminal: in CI and in scripts its modules would only delay the first request.
 */
import { interactive, type Io } from './io.js';

export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

export async function progressBar(io: Io): Promise<Progress> {
  if (!interactive(io.stderr, io.env)) return silent;
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      format: '{label} [{bar}] {value}/{total}',
      stream: io.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: true,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label) {
      if (!started) {
        bar.start(total, done, { label });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { label });
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
