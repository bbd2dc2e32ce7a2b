/**
 * What the operations tell while they work, as data: progress of each location in flight, log
 * lines, warnings. The CLI draws them (one progress line per location on a terminal, log lines
 * otherwise); the action logs them. Nothing here prints.
 */
import type { ApplyProgress } from '../apply/index.js';

/** A location as its file names it. */
export interface LocationRef {
  /** The desired-state file, as given (relative to the folder vppctl runs in). */
  source: string;
  name: string;
}

export type LocationEvent =
  /** Pages of the live read done, of a total that grows as pages say how many there are. */
  | { type: 'read'; location: LocationRef; done: number; total: number }
  | { type: 'apply'; location: LocationRef; progress: ApplyProgress }
  /** A concise line of what apply does (phases, retries, re-plans). */
  | { type: 'log'; location: LocationRef; line: string }
  /** Something the admin should know that does not stop the location (import: a claim it does not copy, names it could not look up). */
  | { type: 'warning'; location: LocationRef; message: string }
  /** The location is no longer in flight (read, planned or applied, or failed). */
  | { type: 'idle'; location: LocationRef };

export type OnEvent = (event: LocationEvent) => void;
