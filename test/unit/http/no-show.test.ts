import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMeeting } from '../../fixtures/builders.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

describe('marking a no-show', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
  });
  afterAll(() => store.close());

  const mark = async (meetingId: string, userId: string, roles: Array<'rep' | 'sales'>) =>
    t.request(`/v1/meetings/${meetingId}/no-show`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await t.tokenFor(roles, userId)}` },
    });

  it("lets the meeting's rep mark it, and gives their round-robin turn back", async () => {
    await t.deps.meetings.put(aMeeting());

    const other = await mark('01JD3Q8Y8M4S0W6Q9V2ZC3MM01', 'rep-ben', ['rep']);
    const own = await mark('01JD3Q8Y8M4S0W6Q9V2ZC3MM01', 'rep-ana', ['rep']);
    const twice = await mark('01JD3Q8Y8M4S0W6Q9V2ZC3MM01', 'rep-ana', ['rep']);

    expect([other.status, own.status, twice.status]).toEqual([403, 200, 409]);
    expect(((await own.json()) as { meeting: { status: string } }).meeting.status).toBe('no-show');
    expect(await t.deps.routingState.credits('test-site', 'inbound')).toEqual(new Map([['rep-ana', 1]]));
  });

  it('refuses a meeting that has not started yet', async () => {
    await t.deps.meetings.put(
      aMeeting({
        meetingId: '01JD3Q8Y8M4S0W6Q9V2ZC3MM02',
        start: '2026-12-01T09:00:00.000Z',
        end: '2026-12-01T09:30:00.000Z',
      }),
    );

    expect((await mark('01JD3Q8Y8M4S0W6Q9V2ZC3MM02', 'sam', ['sales'])).status).toBe(409);
  });
});
