import { describe, expect, it } from 'vitest';
import { buildWidget, LAUNCHER_BUDGET_GZIP_BYTES } from '../../../widget/build.js';

describe('the widget bundle', () => {
  it('keeps what loads with the host page within 15 KB gzipped', async () => {
    const sizes = await buildWidget();

    expect(sizes.launcherGzipBytes).toBeGreaterThan(0);
    expect(sizes.launcherGzipBytes).toBeLessThanOrEqual(LAUNCHER_BUDGET_GZIP_BYTES);
  });
});
