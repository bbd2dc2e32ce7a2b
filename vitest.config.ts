import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two-core CI machines: keep workers few so HTTP tests against the simulator are not starved.
    maxWorkers: 2,
  },
});
