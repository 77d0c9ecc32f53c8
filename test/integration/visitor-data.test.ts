import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aRoutedGlobexConversation, aVisitorJar } from '../support/visitor-client.js';
import { createLocalClients } from '../../functions/adapters/dynamodb/local-client.js';
import { type LocalWithCrms, startLocalWithCrms } from '../support/crm-runtime.js';

/** The person (of the demo's Globex account, so they reach a rep and book): nowhere else in the fixtures, so finding any of these in the table means they were kept. */
const EMAIL = 'Erika.Mustermann@globex.com';
const NAME = 'Erika Mustermann';
const MESSAGE = 'We need routing for our twelve regional sales desks';

describe('exporting and erasing what a site holds about a person', () => {
  let crms: LocalWithCrms;
  let runtime: LocalWithCrms['runtime'];
  let hubspot: LocalWithCrms['hubspot'];
  let salesforce: LocalWithCrms['salesforce'];
  let webhook: LocalWithCrms['webhook'];
  beforeAll(async () => {
    crms = await startLocalWithCrms({ mapping: { owners: {}, hubspotStages: {}, salesforceStatuses: {} } });
    ({ runtime, hubspot, salesforce, webhook } = crms);
  });
  afterAll(() => crms.close());

  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    visitors.send('POST', path, body, headers);
  const as = async (roles: Array<'marketing' | 'sales' | 'rep'>, sites = ['demo']) => ({
    Authorization: `Bearer ${await runtime.issueToken({ userId: `privacy-${roles.join('-')}`, roles, sites })}`,
  });

  /** Names themselves, chats, gives the email and books: every kind of record the site keeps about a person. */
  const journey = async () => {
    const { visitorId, conversationId } = await aRoutedGlobexConversation(visitors, {
      email: EMAIL,
      name: NAME,
      need: MESSAGE,
      tag: 'privacy',
    });
    const { slots } = (await (
      await visitors.request(`/v1/conversations/${conversationId}/slots?timeZone=UTC`)
    ).json()) as { slots: Array<{ start: string }> };
    const booked = await post(`/v1/conversations/${conversationId}/meetings`, {
      start: slots[0]!.start,
      name: NAME,
      email: EMAIL,
      timeZone: 'UTC',
    });
    expect(booked.status).toBe(201);
    await runtime.flushEvents();
    return { visitorId, conversationId };
  };

  const tableText = async () => {
    const { raw } = createLocalClients(runtime.storeEndpoint, runtime.storeCredentials);
    try {
      const items: unknown[] = [];
      let startKey: Record<string, any> | undefined;
      do {
        const page = await raw.send(new ScanCommand({ TableName: 'baton', ExclusiveStartKey: startKey }));
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return JSON.stringify(items).toLowerCase();
    } finally {
      raw.destroy();
    }
  };

  it('exports everything about the email, then erases it: export finds nothing, the table holds no trace, the CRMs are told', async () => {
    const { visitorId, conversationId } = await journey();
    const contactKeys = () => [...(hubspot.objects.get('contacts')?.keys() ?? [])].map((key) => key.toLowerCase());
    expect(contactKeys()).toContain(EMAIL.toLowerCase());

    const exported = await post('/v1/sites/demo/privacy/export', { email: EMAIL }, await as(['sales']));
    expect(exported.status).toBe(200);
    expect(exported.body.profiles.map((profile: { visitorId: string }) => profile.visitorId)).toEqual([visitorId]);
    expect(exported.body.conversations.map((entry: any) => entry.conversation.id)).toEqual([conversationId]);
    expect(exported.body.conversations[0].turns.map((turn: any) => turn.visitorText)).toContain(MESSAGE);
    expect(exported.body.conversations[0].decision.conversationId).toBe(conversationId);
    expect(exported.body.meetings).toHaveLength(1);
    expect(exported.body.meetings[0].visitor.name).toBe(NAME);
    expect(exported.body.syncStatuses.map((status: any) => status.target).sort()).toEqual([
      'hubspot',
      'salesforce',
      'webhook',
    ]);
    expect(exported.body.leads.map((lead: any) => lead.visitorId)).toEqual([visitorId]);
    const meetingId = exported.body.meetings[0].meetingId as string;
    expect(await tableText()).toContain(NAME.toLowerCase());

    const erased = await post('/v1/sites/demo/privacy/erase', { email: EMAIL }, await as(['marketing']));
    expect(erased.status).toBe(200);
    expect(erased.body.counts).toMatchObject({ profiles: 1, conversations: 1, meetings: 1, leads: 1, syncStatuses: 3 });
    await runtime.flushEvents();

    expect(hubspot.gdprDeleted.map((email) => email.toLowerCase())).toContain(EMAIL.toLowerCase());
    expect(contactKeys()).not.toContain(EMAIL.toLowerCase());
    expect(salesforce.deleted).toEqual(
      expect.arrayContaining([
        `Lead/Baton_Visitor_Id__c/${visitorId}`,
        `Event/Baton_Meeting_Id__c/${meetingId}`,
        `Task/Baton_Key__c/transcript-${meetingId}`,
        `Task/Baton_Key__c/conversation-${conversationId}`,
      ]),
    );
    expect(salesforce.records.get('Lead')?.has(visitorId)).toBe(false);
    const erasures = webhook.requests
      .filter((request) => request.path === '/baton-events')
      .map((request) => JSON.parse(request.body))
      .filter((event) => event['detail-type'] === 'VisitorErased');
    expect(erasures).toHaveLength(1);
    expect(erasures[0].detail).toMatchObject({ visitorIds: [visitorId], meetingIds: [meetingId] });

    for (const subject of [{ email: EMAIL }, { visitorId }]) {
      const after = await post('/v1/sites/demo/privacy/export', subject, await as(['marketing']));
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({
        profiles: [],
        leads: [],
        conversations: [],
        meetings: [],
        syncStatuses: [],
        timers: [],
        events: [],
      });
    }
    const text = await tableText();
    expect(text).not.toContain(EMAIL.toLowerCase());
    expect(text).not.toContain(NAME.toLowerCase());
    expect(text).not.toContain(MESSAGE.toLowerCase());
    // The rep keeps the appointment, without the person; the audit trail says who erased how much.
    expect((await runtime.deps.meetings.get(meetingId))?.visitor).toMatchObject({ name: '', email: '' });
    expect(text).toContain('privacy-marketing');
  });

  it('refuses a person of another site: the token must cover the site named in the path', async () => {
    const refused = await post('/v1/sites/demo/privacy/erase', { email: EMAIL }, await as(['marketing'], ['other']));
    expect(refused.status).toBe(403);
    const sales = await post('/v1/sites/demo/privacy/erase', { email: EMAIL }, await as(['sales']));
    expect(sales.status).toBe(403);
  });

  it('answers 400 to a request that names nobody, or both an email and a visitor', async () => {
    const headers = await as(['marketing']);
    expect((await post('/v1/sites/demo/privacy/export', {}, headers)).status).toBe(400);
    expect(
      (await post('/v1/sites/demo/privacy/export', { email: EMAIL, visitorId: '01JD3Q8Y8M4S0W6Q9V2ZC3AV01' }, headers))
        .status,
    ).toBe(400);
    expect((await post('/v1/sites/demo/privacy/erase', { email: 'not-an-email' }, headers)).status).toBe(400);
  });
});
