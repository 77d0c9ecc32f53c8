import { describe, expect, it } from 'vitest';
import { buildConsole, CONSOLE_BUDGET_GZIP_BYTES } from '../../../console/build.js';

describe('the console bundle', () => {
  it('keeps the JavaScript a person downloads before the first page within 100 KB gzipped', async () => {
    const sizes = await buildConsole();

    expect(sizes.jsGzipBytes).toBeGreaterThan(0);
    expect(sizes.jsGzipBytes).toBeLessThanOrEqual(CONSOLE_BUDGET_GZIP_BYTES);
  });
});
