import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aRoutedGlobexConversation, aVisitorJar } from '../support/visitor-client.js';
import { verifyWebhookSignature } from '../../functions/adapters/crm/webhook.signed.js';
import { type LocalWithCrms, startLocalWithCrms, WEBHOOK_SECRET } from '../support/crm-runtime.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';

describe('CRM sync against stand-in HubSpot, Salesforce and webhook servers', () => {
  let crms: LocalWithCrms;
  let runtime: LocalWithCrms['runtime'];
  let hubspot: LocalWithCrms['hubspot'];
  let salesforce: LocalWithCrms['salesforce'];
  let webhook: LocalWithCrms['webhook'];
  beforeAll(async () => {
    crms = await startLocalWithCrms({
      ...steadyEnrichment,
      retryPolicy: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5, sleep: async () => undefined },
      mapping: {
        owners: { 'rep-ana': { hubspot: '9001', salesforce: '005000000000AnaAAA' } },
        hubspotStages: { visitor: 'subscriber', lead: 'lead', mql: 'marketingqualifiedlead' },
        salesforceStatuses: { lead: 'Open - Not Contacted', mql: 'Open - Not Contacted' },
      },
    });
    ({ runtime, hubspot, salesforce, webhook } = crms);
  });
  afterAll(() => crms.close());

  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
    (await visitors.send('POST', path, body, headers)).body;

  /** A Globex VP chats, is routed to Ana and books: every event the CRMs care about. */
  const journey = async (email: string) => {
    const { visitorId, conversationId } = await aRoutedGlobexConversation(visitors, {
      email,
      name: 'Maria Lopes',
      need: 'We need routing',
      tag: email.replace(/\W/g, '_'),
    });
    const { slots } = (await (
      await visitors.request(`/v1/conversations/${conversationId}/slots?timeZone=UTC`)
    ).json()) as { slots: Array<{ start: string }> };
    const booked = await post(`/v1/conversations/${conversationId}/meetings`, {
      start: slots[0]!.start,
      name: 'Maria Lopes',
      email,
      timeZone: 'UTC',
    });
    await runtime.flushEvents();
    return {
      visitorId,
      meetingId: new URL(booked.manageUrl as string).pathname.split('/').pop()!,
    };
  };

  it('sends each CRM requests with the right path, body shape and auth, and signs every webhook', async () => {
    const { visitorId, meetingId } = await journey('maria@globex.com');

    const contact = hubspot.objects.get('contacts')!.get('maria@globex.com')!;
    expect(contact.properties).toMatchObject({
      email: 'maria@globex.com',
      firstname: 'Maria',
      lastname: 'Lopes',
      lifecyclestage: 'marketingqualifiedlead',
      baton_score: '100',
      hubspot_owner_id: '9001',
    });
    // 70 from the chat answers, then 30 for booking the demo.
    expect(hubspot.objects.get('companies')!.get('globex.com')!.properties).toMatchObject({
      domain: 'globex.com',
      name: 'Globex Corporation',
    });
    expect(hubspot.objects.get('meetings')!.get(meetingId)!.properties).toMatchObject({
      baton_meeting_id: meetingId,
      hs_meeting_outcome: 'SCHEDULED',
      hubspot_owner_id: '9001',
    });
    expect(hubspot.objects.get('notes')!.get(`transcript-${meetingId}`)!.properties.hs_note_body).toContain('Visitor');
    expect(hubspot.requests.every((request) => request.headers.authorization === 'Bearer hs-token')).toBe(true);
    expect(hubspot.associations).toContain(
      `meetings:${hubspot.objects.get('meetings')!.get(meetingId)!.id}->contacts:${contact.id}`,
    );

    expect(salesforce.records.get('Lead')!.get(visitorId)).toMatchObject({
      Email: 'maria@globex.com',
      FirstName: 'Maria',
      LastName: 'Lopes',
      Company: 'Globex Corporation',
      OwnerId: '005000000000AnaAAA',
    });
    expect(salesforce.records.get('Event')!.get(meetingId)).toMatchObject({
      OwnerId: '005000000000AnaAAA',
      WhoId: salesforce.records.get('Lead')!.get(visitorId)!.Id,
    });
    expect(salesforce.records.get('Task')!.get(`transcript-${meetingId}`)!.Description).toContain('maria@globex.com');
    expect(
      salesforce.requests.some(
        (r) => r.method === 'PATCH' && r.path === `/services/data/v59.0/sobjects/Lead/Baton_Visitor_Id__c/${visitorId}`,
      ),
    ).toBe(true);
    expect(salesforce.requests.every((request) => request.headers.authorization === 'Bearer sf-token')).toBe(true);

    const deliveries = webhook.requests.filter((request) => request.path === '/baton-events');
    const types = deliveries.map((request) => JSON.parse(request.body)['detail-type']);
    expect(types).toEqual(
      expect.arrayContaining([
        'ConversationStarted',
        'VisitorIdentified',
        'LeadScored',
        'StageChanged',
        'VisitorRouted',
        'MeetingBooked',
      ]),
    );
    for (const request of deliveries) {
      const timestamp = String(request.headers['x-baton-timestamp']);
      expect(
        verifyWebhookSignature(
          WEBHOOK_SECRET,
          timestamp,
          request.body,
          String(request.headers['x-baton-signature']),
          Number(timestamp),
        ),
      ).toBe(true);
    }
    const sample = deliveries[0]!;
    const stamp = String(sample.headers['x-baton-timestamp']);
    expect(
      verifyWebhookSignature(
        WEBHOOK_SECRET,
        stamp,
        sample.body.replace('"baton"', '"evil"'),
        String(sample.headers['x-baton-signature']),
        Number(stamp),
      ),
    ).toBe(false);
    expect(
      verifyWebhookSignature(
        WEBHOOK_SECRET,
        stamp,
        sample.body,
        String(sample.headers['x-baton-signature']),
        Number(stamp) + 3600,
      ),
    ).toBe(false);

    const token = await runtime.issueToken({ userId: 'sam', roles: ['sales'], sites: ['demo'] });
    const status = await (
      await fetch(`${runtime.url}/v1/visitors/${visitorId}/sync-status`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json();
    expect(status.targets.map((t: { target: string; status: string }) => [t.target, t.status]).sort()).toEqual([
      ['hubspot', 'synced'],
      ['salesforce', 'synced'],
      ['webhook', 'synced'],
    ]);
  });

  it('loses nothing in an outage and duplicates nothing after it: failures wait in the dead-letter store until replayed', async () => {
    hubspot.refuseNext(40);
    webhook.refuseNext(40);

    const { visitorId, meetingId } = await journey('li@globex.com');

    const token = await runtime.issueToken({ userId: 'mia', roles: ['marketing'], sites: ['demo'] });
    const statusBefore = await (
      await fetch(`${runtime.url}/v1/visitors/${visitorId}/sync-status`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json();
    expect(statusBefore.targets.find((t: { target: string }) => t.target === 'hubspot')).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('503'),
    });
    expect(hubspot.objects.get('contacts')?.get('li@globex.com')).toBeUndefined();

    // The services recover; the replay sends what failed.
    hubspot.refuseNext(0);
    webhook.refuseNext(0);
    const replay = await post('/v1/sites/demo/sync/replay', {}, { Authorization: `Bearer ${token}` });
    expect(replay.failed).toBe(0);
    expect(replay.succeeded).toBeGreaterThan(0);
    const again = await post('/v1/sites/demo/sync/replay', {}, { Authorization: `Bearer ${token}` });
    expect(again).toEqual({ replayed: 0, succeeded: 0, failed: 0 });

    expect(hubspot.objects.get('contacts')!.get('li@globex.com')!.properties).toMatchObject({
      lifecyclestage: 'marketingqualifiedlead',
    });
    expect(hubspot.objects.get('meetings')!.get(meetingId)).toBeDefined();
    const eventIds = webhook.requests
      .filter((r) => r.path === '/baton-events' && r.headers['x-baton-event-id'])
      .map((r) => String(r.headers['x-baton-event-id']));
    for (const type of ['MeetingBooked', 'StageChanged']) {
      expect(
        webhook.requests.some(
          (r) =>
            (r.body.includes(`"detail-type":"${type}"`) && r.body.includes(visitorId.slice(0, 10))) ||
            r.body.includes(meetingId),
        ),
      ).toBe(true);
    }
    expect(eventIds.length).toBeGreaterThan(0);

    // None twice in effect: one contact per email, one meeting and one note per meeting.
    const contacts = [...hubspot.objects.get('contacts')!.keys()];
    expect(contacts.filter((email) => email === 'li@globex.com')).toHaveLength(1);
    expect([...hubspot.objects.get('meetings')!.keys()].filter((id) => id === meetingId)).toHaveLength(1);
    const statusAfter = await (
      await fetch(`${runtime.url}/v1/visitors/${visitorId}/sync-status`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json();
    expect(statusAfter.targets.every((t: { status: string }) => t.status === 'synced')).toBe(true);
  });

  it('changes nothing when an event is delivered twice', async () => {
    const { meetingId } = await journey('kai@globex.com');
    const before = hubspot.requests.length;
    const webhookBefore = webhook.requests.length;
    const meeting = (await runtime.deps.meetings.get(meetingId))!;
    const { syncEvent } = await import('../../functions/app/crm/sync-event.js');
    const event = {
      id: `meeting-booked:${meetingId}`,
      time: meeting.createdAt,
      source: 'baton' as const,
      siteKey: 'demo',
      version: 1 as const,
      detailType: 'MeetingBooked' as const,
      detail: {
        meetingId,
        conversationId: meeting.conversationId,
        visitorId: meeting.visitorId,
        repId: meeting.repId,
        start: meeting.start,
        end: meeting.end,
        visitorEmail: meeting.visitor.email,
        visitorName: meeting.visitor.name,
      },
    };

    expect(await syncEvent(runtime.deps, event)).toBe('duplicate');
    expect(hubspot.requests.length).toBe(before);
    expect(webhook.requests.length).toBe(webhookBefore);
  });
});
