import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Database suites each start their own PGlite (and PostgreSQL database); two cores cannot run
    // many of them at once without starving the end-to-end tests' 3-second budget.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
