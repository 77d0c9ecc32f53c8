import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VISITOR_TOKEN_HEADER } from '../../functions/http/middleware/visitor-session.js';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocal } from '../../functions/local/start-local.js';
import { silentLogger } from '../support/silent-logger.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { storeUnderTest } from '../support/test-store.js';
import { startTestRuntime } from '../support/test-runtime.js';

describe('the local runtime', () => {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('keeps conversations and every message across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'baton-restart-'));
    folders.push(dataDir);

    // Against an external store the restart finds the same server, signed for with the same key.
    const store = storeUnderTest();
    const first = await startLocal({ ...store, ...steadyEnrichment, port: 0, dataDir, logger: silentLogger() });
    const started = await fetch(`${first.url}/v1/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteKey: 'demo' }),
    });
    const { conversation, visitorToken } = (await started.json()) as {
      conversation: { id: string };
      visitorToken: string;
    };
    const asVisitor = { [VISITOR_TOKEN_HEADER]: visitorToken };
    await fetch(`${first.url}/v1/conversations/${conversation.id}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...asVisitor },
      body: JSON.stringify({ clientMessageId: 'restart-0001', text: 'Still here after a restart?' }),
    });
    const before = await (
      await fetch(`${first.url}/v1/conversations/${conversation.id}`, { headers: asVisitor })
    ).json();
    await first.close();

    // The visitor's token still opens the conversation: the secret is kept in the data folder.
    const second = await startLocal({ ...store, ...steadyEnrichment, port: 0, dataDir, logger: silentLogger() });
    const after = await (
      await fetch(`${second.url}/v1/conversations/${conversation.id}`, { headers: asVisitor })
    ).json();
    const health = await fetch(`${second.url}/health`);
    await second.close();

    expect(after).toEqual(before);
    expect((after as { messages: Array<{ text: string }> }).messages.map((m) => m.text)).toContain(
      'Still here after a restart?',
    );
    expect(health.status).toBe(200);
  });

  it('serves the demo site, the console placeholder, the widget and the API reference', async () => {
    const runtime = await startTestRuntime(steadyEnrichment);
    try {
      const responses = await Promise.all(
        ['/', '/admin', '/docs', '/openapi.json', '/health', '/widget/loader.js', '/widget/chat.js'].map((path) =>
          fetch(`${runtime.url}${path}`),
        ),
      );
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
      expect(responses[0]!.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await responses[0]!.text()).toContain(
        '<script src="/widget/loader.js" data-site-key="demo" async></script>',
      );
    } finally {
      await runtime.close();
    }
  });
});
