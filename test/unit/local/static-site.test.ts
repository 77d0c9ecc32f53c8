import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerStaticSite } from '../../../functions/local/static-site.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

describe('the local runtime’s static files', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
    const folder = (files: Record<string, string>) => {
      const dir = mkdtempSync(join(tmpdir(), 'baton-static-'));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      return dir;
    };
    registerStaticSite(t.app, {
      widgetDist: folder({ 'baton-widget.js': 'widget', 'baton-widget.css': 'style', 'logo.svg': '<svg/>' }),
      demoDir: folder({ 'index.html': '<!doctype html>', 'demo.css': 'demo', 'logo.svg': '<svg/>', 'demo.js': 'x' }),
      consoleDist: folder({ 'index.html': '<!doctype html>', 'console.js': 'console', 'console.css': 'c' }),
    });
  });
  afterAll(() => store.close());

  it.each([
    ['/widget/baton-widget.js', 'text/javascript; charset=utf-8'],
    ['/widget/baton-widget.css', 'text/css; charset=utf-8'],
    ['/demo/demo.css', 'text/css; charset=utf-8'],
    ['/demo/logo.svg', 'image/svg+xml'],
    ['/admin/console.js', 'text/javascript; charset=utf-8'],
    ['/admin/console.css', 'text/css; charset=utf-8'],
  ])('serves %s', async (path, type) => {
    const response = await t.request(path);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it.each([
    '/widget/logo.svg',
    '/widget/missing.js',
    '/widget/Baton-Widget.js',
    '/widget/baton-widget.js.map',
    '/demo/demo.js',
    '/demo/demo.css.bak',
    '/admin/console.svg',
  ])('serves nothing else, such as %s', async (path) => {
    expect((await t.request(path)).status).toBe(404);
  });

  it('leaves the app routed by Hono’s RegExpRouter, the API’s routes included', async () => {
    expect((await t.request('/health')).status).toBe(200);

    expect((t.app.router as { name: string }).name).toBe('SmartRouter + RegExpRouter');
  });
});
