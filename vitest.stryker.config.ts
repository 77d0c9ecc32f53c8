import { defineConfig } from 'vitest/config';

/**
 * The tests Stryker runs against each mutant of functions/core: the pure unit tests, which need no
 * server, store or built widget, so thousands of mutants finish in minutes on two cores.
 */
export default defineConfig({
  test: {
    include: ['test/unit/core/**/*.test.ts'],
    env: { LOG_LEVEL: 'SILENT' },
  },
});
