import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of functions/core: the pure unit tests, which need no
 * server, store or built widget, so thousands of mutants finish in minutes on two cores.
 */
export default defineConfig({
  test: {
    include: ['test/unit/core/**/*.test.ts'],
    // Every IANA zone over 24 months: minutes per run, too slow to repeat for each mutant; the boundary
    // tests cover the same code zone by zone.
    exclude: ['test/unit/core/scheduling/find-open-slots.zones.property.test.ts'],
    env: { LOG_LEVEL: 'SILENT' },
  },
});
