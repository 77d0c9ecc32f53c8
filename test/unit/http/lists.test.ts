import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Meeting } from '../../../functions/core/scheduling/meeting.js';
import type { Role } from '../../../functions/ports/token-verifier.js';
import { aConversation, aTurn } from '../../fixtures/builders.js';
import { anAssignedMql } from '../../fixtures/leads.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

const aMeeting = (meetingId: string, repId: string, start: string, status: Meeting['status'] = 'booked'): Meeting => ({
  meetingId,
  siteKey: 'test-site',
  repId,
  repName: repId,
  repEmail: `${repId}@acme.test`,
  conversationId: null,
  visitorId: null,
  visitor: { name: 'V', email: 'v@x.test', timeZone: 'UTC' },
  meetingTypeId: 'intro',
  start,
  end: start,
  blockedStart: start,
  blockedEnd: start,
  status,
  uid: `${meetingId}@baton`,
  sequence: 0,
  manageTokenHash: 'x',
  manageTokenExpiresAt: start,
  poolId: null,
  lockCells: [],
  externalEvents: [],
  createdAt: start,
  updatedAt: start,
  canceledReason: null,
});

describe('listing conversations and meetings', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
  });
  afterAll(() => store.close());
  const get = async (path: string, roles: Role[], userId: string) => {
    const response = await t.request(path, { headers: { Authorization: `Bearer ${await t.tokenFor(roles, userId)}` } });
    return { status: response.status, body: (await response.json()) as any };
  };

  it("lists a site's conversations newest first with the transcript, and a rep sees only their leads'", async () => {
    const older = aConversation({
      id: '01JD3Q8Y8M4S0W6Q9V2ZC3KK01',
      visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3VV01',
      startedAt: '2026-11-20T10:00:00.000Z',
    });
    const newer = aConversation({
      id: '01JD3Q8Y8M4S0W6Q9V2ZC3KK02',
      visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3VV02',
      startedAt: '2026-11-21T10:00:00.000Z',
    });
    await t.deps.conversations.create(older, aTurn({ at: older.startedAt }));
    await t.deps.conversations.create(newer, aTurn({ at: newer.startedAt }));
    await t.deps.leads.save({ ...anAssignedMql('rep-ana'), visitorId: older.visitorId, version: 1 });
    await t.deps.leads.save({ ...anAssignedMql('rep-ben'), visitorId: newer.visitorId, version: 1 });

    const sales = await get('/v1/sites/test-site/conversations', ['sales'], 'sam');
    const ana = await get('/v1/sites/test-site/conversations', ['rep'], 'rep-ana');
    const paged = await get('/v1/sites/test-site/conversations?limit=1', ['sales'], 'sam');
    const next = await get(
      `/v1/sites/test-site/conversations?limit=1&cursor=${paged.body.nextCursor}`,
      ['sales'],
      'sam',
    );

    expect(sales.body.conversations.map((c: any) => [c.conversationId, c.owner, c.stage])).toEqual([
      [newer.id, 'rep-ben', 'mql'],
      [older.id, 'rep-ana', 'mql'],
    ]);
    expect(sales.body.conversations[0].transcript.map((m: any) => m.text)).toEqual(['Hello there.']);
    expect(ana.body.conversations.map((c: any) => c.conversationId)).toEqual([older.id]);
    expect([paged.body.conversations[0].conversationId, next.body.conversations[0].conversationId]).toEqual([
      newer.id,
      older.id,
    ]);
  });

  it("lists a rep's meetings by start within the dates, filtered by status and paged", async () => {
    await t.deps.meetings.put(aMeeting('01JD3Q8Y8M4S0W6Q9V2ZC3MM11', 'rep-ana', '2026-11-26T09:00:00.000Z'));
    await t.deps.meetings.put(
      aMeeting('01JD3Q8Y8M4S0W6Q9V2ZC3MM12', 'rep-ana', '2026-11-27T09:00:00.000Z', 'canceled'),
    );
    await t.deps.meetings.put(aMeeting('01JD3Q8Y8M4S0W6Q9V2ZC3MM13', 'rep-ana', '2026-11-28T09:00:00.000Z'));
    await t.deps.meetings.put(aMeeting('01JD3Q8Y8M4S0W6Q9V2ZC3MM14', 'rep-ben', '2026-11-26T10:00:00.000Z'));
    const range = 'from=2026-11-26T00:00:00Z&to=2026-11-28T00:00:00Z';

    const ana = await get(`/v1/sites/test-site/meetings?${range}`, ['rep'], 'rep-ana');
    const booked = await get(`/v1/sites/test-site/meetings?${range}&owner=rep-ana&status=booked`, ['sales'], 'sam');
    const first = await get(`/v1/sites/test-site/meetings?${range}&owner=rep-ana&limit=1`, ['sales'], 'sam');
    const second = await get(
      `/v1/sites/test-site/meetings?${range}&owner=rep-ana&limit=1&cursor=${first.body.nextCursor}`,
      ['sales'],
      'sam',
    );
    const benAsksForAna = await get('/v1/sites/test-site/meetings?owner=rep-ana', ['rep'], 'rep-ben');

    expect(ana.body.meetings.map((m: any) => [m.start, m.status])).toEqual([
      ['2026-11-26T09:00:00.000Z', 'booked'],
      ['2026-11-27T09:00:00.000Z', 'canceled'],
    ]);
    expect(booked.body.meetings.map((m: any) => m.meetingId)).toEqual(['01JD3Q8Y8M4S0W6Q9V2ZC3MM11']);
    expect([first.body.meetings[0].meetingId, second.body.meetings[0].meetingId, second.body.nextCursor]).toEqual([
      '01JD3Q8Y8M4S0W6Q9V2ZC3MM11',
      '01JD3Q8Y8M4S0W6Q9V2ZC3MM12',
      null,
    ]);
    expect(benAsksForAna.status).toBe(403);
  });
});
