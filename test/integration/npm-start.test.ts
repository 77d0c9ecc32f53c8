import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';

async function startProcess(dataDir: string, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/main.ts'], {
    env: { ...process.env, PORT: String(port), BATON_DATA_DIR: dataDir, LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  for (let attempt = 0; attempt < 200; attempt++) {
    if (output.includes('Press Ctrl+C to stop.')) return { child, output: () => output };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the local runtime did not start:\n${output}`);
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

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
    const { conversation } = (await started.json()) as { conversation: { id: string } };
    const firstExit = exited(first.child);
    first.child.kill('SIGTERM');
    expect(await firstExit).toBe(0);

    const second = await startProcess(dataDir, port);
    const read = await fetch(`${base}/v1/conversations/${conversation.id}`);
    const secondExit = exited(second.child);
    second.child.kill('SIGINT');

    expect(read.status).toBe(200);
    expect(await secondExit).toBe(0);
  }, 60_000);
});
