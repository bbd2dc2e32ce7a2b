/**
 * Long synchronous work of the loader (a district: a million roster ids, a second of CPU) handed
 * back to the event loop about every millisecond. A caller may have started reading the live
 * location meanwhile (onLocation); its pages then keep arriving instead of waiting for the load.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A read keeps only a few pages in flight and asks for the next one when one arrives; a nearby
 * server answers in milliseconds, so a longer slice would leave it waiting for our requests. A
 * pause costs some microseconds.
 */
const SLICE_MS = 1;

/** One per sequence of work: it counts the time since that sequence last paused. */
export class TimeSlices {
  private since = performance.now();

  /** Lets pending I/O and timers run if this slice has used its time. */
  async pause(): Promise<void> {
    if (performance.now() - this.since < SLICE_MS) return;
    await nextTurn();
    this.since = performance.now();
  }
}
