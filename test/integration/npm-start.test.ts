import { VISITOR_TOKEN_HEADER } from '../../functions/http/middleware/visitor-session.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { exited, startLocalProcess } from '../support/local-process.js';

const startProcess = (dataDir: string, port: number) =>
  startLocalProcess({ PORT: String(port), BATON_DATA_DIR: dataDir, LOG_LEVEL: 'WARN' });

describe('the local runtime process', () => {
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  it('prints its URLs, stops cleanly on SIGTERM and SIGINT, and keeps the data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'baton-signal-'));
    folders.push(dataDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;

    const first = await startProcess(dataDir, port);
    expect(first.output()).toContain(`${base}/admin`);
    const started = await fetch(`${base}/v1/conversations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ siteKey: 'demo' }),
    });
    const { conversation, visitorToken } = (await started.json()) as {
      conversation: { id: string };
      visitorToken: string;
    };
    const firstExit = exited(first.child);
    first.child.kill('SIGTERM');
    expect(await firstExit).toBe(0);

    const second = await startProcess(dataDir, port);
    const read = await fetch(`${base}/v1/conversations/${conversation.id}`, {
      headers: { [VISITOR_TOKEN_HEADER]: visitorToken },
    });
    const secondExit = exited(second.child);
    second.child.kill('SIGINT');

    expect(read.status).toBe(200);
    expect(await secondExit).toBe(0);
  }, 180_000);
});
