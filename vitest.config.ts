import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // fast-check's seed: fixed unless FC_SEED says otherwise (test/support/fast-check-seed.ts).
    setupFiles: ['test/support/fast-check-seed.ts'],
    // A timeout guards against a hang, not a speed target (those live in bench/): property tests
    // take seconds on a quiet machine and many times that on a shared, loaded one.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The JSON report lets CI print a plain "tests: N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 95, statements: 95, functions: 95, branches: 85 },
    },
  },
});
