/**
 * Progress lines for long work: on a terminal, one line per location in flight (pages read, or
 * apply's requests, events and pairs), drawn with cli-progress on stderr, each gone when its
 * location is done; otherwise nothing, so logs and pipes stay clean. cli-progress is loaded only
 * for a terminal: in CI and in scripts its modules would only delay the first request.
 */
import type { MultiBar, SingleBar } from 'cli-progress';
import { interactive, type Io } from './io.js';

export interface ProgressLines {
  /** Draws (or first adds) the line of `key`. */
  update(key: string, done: number, total: number, label: string): void;
  /** The location of `key` is done: its line goes. */
  remove(key: string): void;
  /** Writes `text` (whole lines) to stdout, or stderr, without tearing the lines being drawn. */
  print(text: string, stream?: 'stdout' | 'stderr'): void;
  /** Clears every line and shows the cursor again. Safe to call more than once, and on the way out of a Ctrl-C. */
  stop(): void;
}

export async function progressLines(io: Io): Promise<ProgressLines> {
  if (!interactive(io.stderr, io.env)) {
    return { update() {}, remove() {}, print: (text, stream = 'stdout') => void io[stream].write(text), stop() {} };
  }
  const { default: cliProgress } = await import('cli-progress');
  const bars = new Map<string, SingleBar>();
  let multi: MultiBar | undefined;
  const stop = (): void => {
    multi?.stop();
    multi = undefined;
    bars.clear();
  };
  return {
    update(key, done, total, label) {
      multi ??= new cliProgress.MultiBar(
        {
          format: '{label} [{bar}] {value}/{total}',
          stream: io.stderr as NodeJS.WritableStream,
          hideCursor: true,
          clearOnComplete: true,
          barsize: 30,
        },
        cliProgress.Presets.shades_classic,
      );
      const bar = bars.get(key);
      if (bar === undefined) bars.set(key, multi.create(total, done, { label }));
      else {
        bar.setTotal(total);
        bar.update(done, { label });
      }
    },
    remove(key) {
      const bar = bars.get(key);
      if (bar === undefined || multi === undefined) return;
      bars.delete(key);
      multi.remove(bar);
      // No line left: let go of the terminal (cursor, timer) until the next one.
      if (bars.size === 0) stop();
    },
    print(text, stream = 'stdout') {
      // Both streams are the terminal here; through the bars' own log the text lands above them.
      if (multi !== undefined && io[stream].isTTY) {
        multi.log(text);
        multi.update();
      } else {
        io[stream].write(text);
      }
    },
    stop,
  };
}
