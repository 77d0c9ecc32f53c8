import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    env: { LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 20_000,
    // Browser and integration tests poll for what a busy CI machine may show a little later.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    // Browser tests start Chromium; two cores cannot run many of them at once.
    maxWorkers: 2,
  },
});
