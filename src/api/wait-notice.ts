/**
 * Says what vppctl is waiting for when an answer is slow to come: a server that accepts the
 * connection and never answers must not hold a run in silence. One line per `everyMs` at most,
 * naming the request waited on longest and how many others wait with it.
 */
import { plural } from '../shared/plural.js';

export interface WaitNoticeOptions {
  /** How long a request goes unanswered before it is named; then at most one line per this long. */
  everyMs: number;
  /** Per-attempt limit, for the line ("gives up after 30 s"). */
  attemptTimeoutMs: number;
  notify: (message: string) => void;
  now?: () => number;
}

interface Waiting {
  label: string;
  since: number;
}

export class WaitNotices {
  private readonly waiting = new Set<Waiting>();
  private lastNoticeAt = -Infinity;
  private readonly now: () => number;

  constructor(private readonly opts: WaitNoticeOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** A request `label` ("GET /assets?pageIndex=0") was sent; call the returned function when it is answered. */
  start(label: string): () => void {
    const entry = { label, since: this.now() };
    this.waiting.add(entry);
    const timer = setTimeout(() => this.tick(entry), this.opts.everyMs);
    // A notice never keeps the process alive on its own.
    timer.unref();
    return () => {
      clearTimeout(timer);
      this.waiting.delete(entry);
    };
  }

  private tick(entry: Waiting): void {
    if (!this.waiting.has(entry)) return;
    const now = this.now();
    if (now - this.lastNoticeAt >= this.opts.everyMs) {
      this.lastNoticeAt = now;
      const oldest = [...this.waiting].reduce((a, b) => (b.since < a.since ? b : a));
      const others = this.waiting.size - 1;
      this.opts.notify(
        `waiting for an answer to ${oldest.label}: none after ${Math.round((now - oldest.since) / 1000)} s` +
          `${others > 0 ? ` (${plural(others, 'more request')} waiting)` : ''}; each attempt gives up after ${Math.round(this.opts.attemptTimeoutMs / 1000)} s`,
      );
    }
    const timer = setTimeout(() => this.tick(entry), this.opts.everyMs);
    timer.unref();
  }
}
