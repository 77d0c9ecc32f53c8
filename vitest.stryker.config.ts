import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of functions/core: the pure unit tests, which need no
 * server, store or built widget. A full run is still long on a shared two-core machine (88 minutes at
 * a load of 20), so runs are incremental and retest only mutants in changed code or changed tests.
 */
export default defineConfig({
  test: {
    include: ['test/unit/core/**/*.test.ts'],
    // Every IANA zone over 24 months: minutes per run, too slow to repeat for each mutant; the boundary
    // tests cover the same code zone by zone.
    exclude: ['test/unit/core/scheduling/find-open-slots.zones.property.test.ts'],
    env: { LOG_LEVEL: 'SILENT' },
    // Instrumented code runs several times slower, and property tests run it hundreds of times.
    testTimeout: 60_000,
  },
});
