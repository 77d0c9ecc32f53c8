import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppEnv } from '../http/app-env.js';
import { MANAGE_PAGE_HTML } from '../../widget/manage-page.js';

/** A strict policy on the demo page proves the widget needs no inline script, no eval and no inline style. */
const DEMO_PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

/** The console needs nothing from another origin: no inline code, no CDN. */
const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * What CloudFront serves from S3 in AWS: the demo website, the widget files and the console. Only the
 * local runtime mounts these; they are not API operations and stay out of the OpenAPI document.
 */
export function registerStaticSite(
  app: OpenAPIHono<AppEnv>,
  { widgetDist, demoDir, consoleDist }: { widgetDist: string; demoDir: string; consoleDist: string },
): void {
  const demoPage = (siteKey: string) => async (c: Context<AppEnv>) => {
    c.header('Content-Security-Policy', DEMO_PAGE_CSP);
    const html = await readFile(join(demoDir, 'index.html'), 'utf8');
    return c.html(html.replace('data-site-key="demo"', `data-site-key="${siteKey}"`));
  };
  app.get('/', demoPage('demo'));
  // The pricing page gets the pricing playbook by its targeting.
  app.get('/pricing', demoPage('demo'));
  // A site that asks for consent before the chat is recorded.
  app.get('/consent-demo', demoPage('demo-consent'));
  // A site whose playbook offers to talk to a rep now (sign in to the console as ana or ben to answer).
  app.get('/live-demo', demoPage('demo-live'));
  // Groups in a path pattern do not capture: a capturing one makes Hono route every request of the app (the
  // API's included) with its slower TrieRouter instead of the RegExpRouter.
  app.get('/demo/:file{[a-z0-9-]+\\.(?:css|svg)}', (c) => serveFile(c, demoDir, c.req.param('file')));
  app.get('/widget/:file{[a-z0-9-]+\\.(?:js|css)}', (c) => serveFile(c, widgetDist, c.req.param('file')));
  // The manage link from the invitation; Baton's own page, so its strict policy needs no exceptions.
  app.get('/manage/:meetingId{[0-9A-HJKMNP-TV-Z]{26}}', (c) => {
    c.header('Content-Security-Policy', DEMO_PAGE_CSP);
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(MANAGE_PAGE_HTML);
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));
  // The console: static files built by console/build.ts, the same ones AWS serves from S3.
  const consolePage = async (c: Context<AppEnv>) => {
    c.header('Content-Security-Policy', CONSOLE_CSP);
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-cache');
    try {
      return c.html(await readFile(join(consoleDist, 'index.html'), 'utf8'));
    } catch {
      return c.text('The console is not built: run npm run build:console (npm start does it).', 503);
    }
  };
  app.get('/admin', consolePage);
  app.get('/admin/', consolePage);
  app.get('/admin/:file{[a-z0-9-]+\\.(?:js|css)}', (c) => serveFile(c, consoleDist, c.req.param('file')));
}

async function serveFile(c: Context<AppEnv>, dir: string, file: string): Promise<Response> {
  const extension = file.slice(file.lastIndexOf('.'));
  try {
    const body = await readFile(join(dir, file));
    return c.body(body, 200, {
      'Content-Type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'Access-Control-Allow-Origin': '*',
    });
  } catch {
    return c.notFound();
  }
}
