import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Database suites each start their own PGlite (and PostgreSQL database); two cores cannot run
    // many of them at once without starving the end-to-end tests' 3-second budget.
    maxWorkers: 2,
    // Test files share their worker's module cache: PGlite's WebAssembly is compiled, and the
    // migrated template database built, once per worker instead of once per file (about half the
    // suite's time). Every file still gets fresh databases, fakes and apps of its own, and no test
    // mocks modules or changes process-wide state, which is what isolation would protect.
    isolate: false,
    // Safety nets for a loaded machine, not targets: process tests cold-start tsx and PGlite.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
