import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStaticSite } from '../../../functions/local/static-site.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

describe('security headers', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    const folder = (html: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'baton-static-'));
      writeFileSync(join(dir, 'index.html'), html);
      return dir;
    };
    registerStaticSite(t.app, {
      widgetDist: folder(''),
      demoDir: folder('<!doctype html><title>Demo</title>'),
      consoleDist: folder('<!doctype html><title>Console</title>'),
    });
  });
  afterAll(() => store.close());

  it.each(['/docs', '/admin', '/', '/manage/01JD3Q8Y8M4S0W6Q9V2ZC3H7ZZ'])(
    'sends a content security policy that forbids framing, nosniff and a referrer policy on %s',
    async (path) => {
      const response = await t.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toMatch(/^(no-referrer|strict-origin-when-cross-origin)$/);
    },
  );

  it('sends nosniff with API answers too', async () => {
    const response = await t.request('/health');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
