/**
 * Progress bars for long work (snapshot pages, apply requests and events). On a terminal they draw
 * with cli-progress on stderr; otherwise they are silent, so logs and pipes stay clean.
 */
import cliProgress from 'cli-progress';
import { interactive, type Io } from './io.js';

export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

export function progressBar(io: Io): Progress {
  if (!interactive(io.stderr, io.env)) return silent;
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
