import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime } from '../support/test-runtime.js';
import { aVisitorJar } from '../support/visitor-client.js';

describe('a rulebook simulation as a job in the local runtime', () => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  beforeAll(async () => {
    runtime = await startTestRuntime();
  });
  afterAll(() => runtime.close());

  it('is answered 202 at once, and the relay runs it beside the server until its report is there to poll', async () => {
    const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));
    for (const jobTitle of ['VP Sales', 'CTO', 'Intern'])
      expect(
        (
          await visitors.send('POST', '/v1/visitor-events', {
            siteKey: 'demo',
            event: { type: 'identify', answers: { jobTitle } },
          })
        ).status,
      ).toBe(200);
    const mia = {
      Authorization: `Bearer ${await runtime.issueToken({ userId: 'mia', roles: ['marketing'], sites: ['demo'] })}`,
    };

    const started = await fetch(`${runtime.url}/v1/sites/demo/rulebook/draft/simulate`, {
      method: 'POST',
      headers: { ...mia, 'Content-Type': 'application/json' },
      body: JSON.stringify({ days: 30 }),
    });

    expect(started.status).toBe(202);
    const poll = async () =>
      (await (await fetch(`${runtime.url}${started.headers.get('Location')}`, { headers: mia })).json()) as {
        status: string;
        visitors: number;
        result: { visitors: number } | null;
      };
    await expect.poll(async () => (await poll()).status, { timeout: 30_000 }).toBe('succeeded');
    const done = await poll();
    expect(done.result!.visitors).toBeGreaterThanOrEqual(3);
    expect(done.visitors).toBe(done.result!.visitors);
  });
});
