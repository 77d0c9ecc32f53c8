import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, startStandInServer } from '../support/stand-in-server.js';
import { freePort } from '../support/free-port.js';
import { exited, startLocalProcess } from '../support/local-process.js';

const start = async (dataDir: string, port: number, env: Record<string, string>) =>
  (await startLocalProcess({ PORT: String(port), BATON_DATA_DIR: dataDir, LOG_LEVEL: 'ERROR', ...env })).child;

describe('the outbox across a crash', () => {
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  it('delivers an event written just before the process was killed, after the restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'baton-crash-'));
    folders.push(dataDir);
    const receiver = await startStandInServer((_req, res) => json(res, 200, {}));
    const port = await freePort();
    const webhook = { BATON_WEBHOOK_URL: `${receiver.url}/events`, BATON_WEBHOOK_SECRET: 'crash-test-secret-123' };

    // The relay is held still, so the event stays written but undelivered; then the process dies hard.
    const first = await start(dataDir, port, { ...webhook, BATON_RELAY_INTERVAL_MS: '86400000' });
    const started = await fetch(`http://127.0.0.1:${port}/v1/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteKey: 'demo' }),
    });
    const { conversation } = (await started.json()) as { conversation: { id: string } };
    const delivered = () => receiver.requests.some((request) => request.body.includes(conversation.id));
    // The answer came after the write; the relay ran only at start, before it.
    const firstExit = exited(first);
    first.kill('SIGKILL');
    await firstExit;
    expect(delivered()).toBe(false);

    const second = await start(dataDir, port, { ...webhook, BATON_RELAY_INTERVAL_MS: '100' });
    await expect.poll(delivered, { timeout: 60_000 }).toBe(true);
    const secondExit = exited(second);
    second.kill('SIGTERM');
    await secondExit;
    await receiver.close();

    const deliveries = receiver.requests.filter((request) => request.body.includes(conversation.id));
    expect(deliveries.map((request) => JSON.parse(request.body)['detail-type'])).toEqual(['ConversationStarted']);
  }, 180_000);
});
