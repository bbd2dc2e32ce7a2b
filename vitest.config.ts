import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Guards against a hang, not a measure of speed: on a 2-core machine shared with other work a
    // test that takes 3 s alone was seen to take over 30 s (the 3,000-user import, load average 11).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two-core CI machines: keep workers few so HTTP tests against the simulator are not starved.
    maxWorkers: 2,
  },
});
