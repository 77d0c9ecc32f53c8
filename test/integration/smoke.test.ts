import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../functions/local/start-local.js';
import { runSmoke } from '../../functions/local/smoke-command.js';
import { startTestRuntime } from '../support/test-runtime.js';

/** The smoke command's printed lines and exit code, run against `url`. */
async function smoke(url: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSmoke({
    argv: ['--url', url, ...args],
    fetch,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  return { code, out, err };
}

const manageLinkOf = (lines: string[]): string => {
  const line = lines.find((l) => l.includes('manage page:'))!;
  return line.split('GET ')[1]!.split(' ')[0]!;
};

describe('npm run smoke: one chat to a booking through the public API', () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    // The account match must not race a 300 ms enrichment budget on a loaded machine.
    runtime = await startTestRuntime({ enrichmentBudgetMs: 60_000 });
  });
  afterAll(() => runtime.close());

  it('answers the demo site’s playbook until it offers times, books the first, reads it by its manage link, and cancels it again', async () => {
    const { code, out, err } = await smoke(runtime.url, '--site', 'demo', '--email', 'smoke-one@globex.com');

    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.map((line) => line.split(':')[0])).toEqual([
      'ok   health',
      'ok   startConversation',
      'ok   postMessage 1',
      'ok   postMessage 2',
      'ok   listSlots',
      'ok   bookMeeting',
      'ok   getMeeting',
      'ok   manage page',
      'ok   cancelMeeting',
      'Smoke passed',
    ]);
    expect(out.at(-1)).toMatch(/^Smoke passed: Ana Souza at \S+Z for smoke-one@globex\.com, canceled again\.$/);
    const meetingId = manageLinkOf(out).split('/').pop()!;
    expect((await runtime.deps.meetings.get(meetingId))?.status).toBe('canceled');
  });

  it('leaves the meeting booked with --keep', async () => {
    const { code, out } = await smoke(runtime.url, '--email', 'smoke-kept@globex.com', '--keep');

    expect(code).toBe(0);
    expect(out.some((line) => line.includes('cancelMeeting'))).toBe(false);
    const meetingId = manageLinkOf(out).split('/').pop()!;
    expect((await runtime.deps.meetings.get(meetingId))?.status).toBe('booked');
  });

  it('fails with exit code 1 and says why when the chat ends without offering times (a visitor the rulebook nurtures)', async () => {
    const { code, out, err } = await smoke(runtime.url, '--email', 'someone@example.com');

    expect(code).toBe(1);
    expect(out.some((line) => line.includes('bookMeeting'))).toBe(false);
    expect(err).toEqual([
      expect.stringMatching(/^Smoke failed: the chat is stuck or over at ".+" without offering times/),
    ]);
  });

  it('fails at the first step the server answers otherwise, naming it, and refuses to run without a URL', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ title: 'Unavailable', status: 503, detail: 'down for maintenance' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const down = await smoke(url);
    const usage = await runSmoke({ argv: [], fetch, out: () => {}, err: () => {} });
    await new Promise((resolve) => server.close(resolve));

    expect(down.code).toBe(1);
    expect(down.out).toEqual([expect.stringMatching(/^FAIL health: GET \/health → 503 \(\d+ ms\)$/)]);
    expect(down.err).toEqual(['Smoke failed: health answered 503: down for maintenance']);
    expect(usage).toBe(2);
  });
});
