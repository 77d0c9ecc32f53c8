import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    env: { LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Upper bounds, never waits: a test that passes returns as soon as it has its answer. On a machine
    // loaded far beyond its two cores (load average 15–20 seen here), validating the OpenAPI document
    // and a console journey in Chromium ran past 20 s and a 10 s poll.
    testTimeout: 60_000,
    expect: { poll: { timeout: 30_000 } },
    hookTimeout: 60_000,
    // Browser tests start Chromium; two cores cannot run many of them at once.
    maxWorkers: 2,
  },
});
