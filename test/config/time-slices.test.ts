import { describe, expect, it } from 'vitest';
import { TimeSlices } from '../../src/config/time-slices.js';

describe('TimeSlices', () => {
  it('lets waiting callbacks run once a slice has used its time', async () => {
    const slices = new TimeSlices();
    let ran = false;
    setImmediate(() => (ran = true));
    const until = performance.now() + 5;
    while (performance.now() < until) {
      // A slice of synchronous work, longer than one.
    }
    expect(ran).toBe(false);
    await slices.pause();
    expect(ran).toBe(true);
  });
});
