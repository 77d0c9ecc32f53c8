import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { json, startStandInServer } from '../support/stand-in-server.js';
import { freePort } from '../support/free-port.js';

async function start(dataDir: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    env: { ...process.env, PORT: String(port), BATON_DATA_DIR: dataDir, LOG_LEVEL: 'ERROR', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  for (let i = 0; i < 200 && !output.includes('Press Ctrl+C to stop.'); i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  if (!output.includes('Press Ctrl+C to stop.')) throw new Error(`did not start:\n${output}`);
  return child;
}

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
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    expect(receiver.requests.some((request) => request.body.includes(conversation.id))).toBe(false);

    const second = await start(dataDir, port, { ...webhook, BATON_RELAY_INTERVAL_MS: '100' });
    for (let i = 0; i < 50 && !receiver.requests.some((request) => request.body.includes(conversation.id)); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = new Promise((resolve) => second.once('exit', resolve));
    second.kill('SIGTERM');
    await stopped;
    await receiver.close();

    const deliveries = receiver.requests.filter((request) => request.body.includes(conversation.id));
    expect(deliveries.map((request) => JSON.parse(request.body)['detail-type'])).toEqual(['ConversationStarted']);
  }, 60_000);
});
