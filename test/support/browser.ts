import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run. Without Chromium they are skipped with a visible message,
 * except in CI (CI=true), where a missing browser fails the run instead of hiding the tests.
 */
export const hasBrowser = existsSync(executablePath);

if (!hasBrowser) {
  if (process.env.CI === 'true')
    throw new Error(`CI=true but no Chromium at ${executablePath}: install Debian's chromium package (see .ci/run).`);
  console.warn(
    `\n  SKIPPING browser tests: no Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)\n`,
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
