/** What snapshot reports as pages arrive; the CLI turns it into a progress bar. */
export interface ReadProgress {
  done: number;
  total: number;
  /**
   * The read that just advanced: `client config`, `limits`, `assets`, `assignments`, `users`,
   * `subscriptions` or `subscription assignments`.
   */
  phase: string;
}

export type OnProgress = (p: ReadProgress) => void;

/**
 * Counts pages per read. A paged read's total is unknown until its first page says
 * `totalPages` (and may move while paging), so each read counts as one page until then; when a
 * read ends its total becomes what it really took, so the last report has done === total.
 */
export class PageProgress {
  private readonly reads = new Map<string, { done: number; total: number }>();

  constructor(phases: readonly string[], private readonly emit?: OnProgress) {
    for (const phase of phases) this.reads.set(phase, { done: 0, total: 1 });
  }

  /** `restarted`: the read began again from its first page, so its count starts over. */
  page(phase: string, totalPages?: number, restarted = false): void {
    const read = this.read(phase);
    if (restarted) read.done = 0;
    read.done++;
    read.total = Math.max(totalPages ?? 0, read.total, read.done);
    this.report(phase);
  }

  finish(phase: string, pages = 0): void {
    const read = this.read(phase);
    read.done += pages;
    read.total = read.done;
    this.report(phase);
  }

  /** Pages read so far by one read. */
  pagesOf(phase: string): number {
    return this.read(phase).done;
  }

  /** Pages read so far, over every read. */
  pages(): number {
    let done = 0;
    for (const r of this.reads.values()) done += r.done;
    return done;
  }

  private read(phase: string): { done: number; total: number } {
    const read = this.reads.get(phase);
    if (read === undefined) throw new Error(`progress: unknown read ${phase}`);
    return read;
  }

  private report(phase: string): void {
    if (this.emit === undefined) return;
    let total = 0;
    for (const r of this.reads.values()) total += r.total;
    this.emit({ done: this.pages(), total, phase });
  }
}
