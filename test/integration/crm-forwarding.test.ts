import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalWithCrms, startLocalWithCrms } from '../support/crm-runtime.js';
import { steadyEnrichment } from '../support/steady-enrichment.js';
import { aRoutedGlobexConversation, aVisitorJar } from '../support/visitor-client.js';

/** A Tuesday morning; the test moves the clock past a meeting's start to mark a no-show. */
const T0 = Date.parse('2026-11-24T08:00:00.000Z');

describe('what the CRM sync forwards beyond routing: transcripts, the booking form, stage moves, rejections, no-shows', () => {
  let crms: LocalWithCrms;
  let runtime: LocalWithCrms['runtime'];
  let hubspot: LocalWithCrms['hubspot'];
  let salesforce: LocalWithCrms['salesforce'];
  let webhook: LocalWithCrms['webhook'];
  const clock = { now: T0 };
  beforeAll(async () => {
    crms = await startLocalWithCrms({
      ...steadyEnrichment,
      clock: () => new Date(clock.now),
      timerIntervalMs: 3_600_000,
      retryPolicy: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined },
    });
    ({ runtime, hubspot, salesforce, webhook } = crms);
  });
  afterAll(() => crms.close());

  // Public calls carry the visitor token their first answer issued, as the widget does.
  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));
  const call = (method: string, path: string, body?: unknown, token?: string) =>
    visitors.send(method, path, body, token ? { Authorization: `Bearer ${token}` } : {});
  const anaToken = () => runtime.issueToken({ userId: 'ana', roles: ['rep'], sites: ['demo'], repId: 'rep-ana' });
  const contact = (email: string) => hubspot.objects.get('contacts')?.get(email)?.properties;
  const sfLead = (visitorId: string) => salesforce.records.get('Lead')?.get(visitorId);
  const delivered = (type: string) =>
    webhook.requests
      .map((request) => JSON.parse(request.body) as { 'detail-type': string; detail: Record<string, unknown> })
      .filter((event) => event['detail-type'] === type);

  /** A Globex VP chats and leaves an email: routed to Ana, the account's owner. */
  const chat = (email: string) =>
    aRoutedGlobexConversation(visitors, {
      email,
      name: 'Maria Lopes',
      need: 'We need routing for our inbound team',
      tag: email.replace(/\W/g, '_'),
    });
  const book = async (conversationId: string, form: { name: string; email: string }) => {
    const { body } = await call('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`);
    const start = (body.slots as Array<{ start: string }>)[0]!.start;
    const booked = await call('POST', `/v1/conversations/${conversationId}/meetings`, {
      start,
      ...form,
      timeZone: 'UTC',
    });
    expect(booked.status).toBe(201);
    return { meetingId: new URL(booked.body.manageUrl as string).pathname.split('/').pop()!, start };
  };

  it('sends the transcript of a conversation that identifies the visitor, with no meeting booked', async () => {
    const { visitorId, conversationId } = await chat('nina@globex.com');
    await runtime.flushEvents();

    const note = hubspot.objects.get('notes')?.get(`conversation-${conversationId}`);
    expect(note?.properties.hs_note_body).toContain('Visitor');
    expect(note?.properties.hs_note_body).toContain('We need routing for our inbound team');
    expect(note?.properties.hs_note_body).toContain('nina@globex.com');
    expect(hubspot.associations).toContain(
      `notes:${note?.id}->contacts:${hubspot.objects.get('contacts')?.get('nina@globex.com')?.id}`,
    );
    const task = salesforce.records.get('Task')?.get(`conversation-${conversationId}`);
    expect(task?.Description).toContain('We need routing for our inbound team');
    expect(task?.WhoId).toBe(sfLead(visitorId)?.Id);
    expect(hubspot.objects.get('meetings')?.size ?? 0).toBe(0);
  });

  it("updates the contact with the booking form's name and email", async () => {
    const { visitorId, conversationId } = await chat('maria@globex.com');
    const { meetingId } = await book(conversationId, { name: 'Maria Lopes Silva', email: 'maria.silva@globex.com' });
    await runtime.flushEvents();

    expect(contact('maria.silva@globex.com')).toMatchObject({
      email: 'maria.silva@globex.com',
      firstname: 'Maria',
      lastname: 'Lopes Silva',
    });
    expect(sfLead(visitorId)).toMatchObject({
      Email: 'maria.silva@globex.com',
      FirstName: 'Maria',
      LastName: 'Lopes Silva',
    });
    expect(salesforce.records.get('Event')?.get(meetingId)?.WhoId).toBe(sfLead(visitorId)?.Id);
    expect((await runtime.deps.visitors.get(visitorId))?.answers).toMatchObject({
      name: 'Maria Lopes Silva',
      email: 'maria.silva@globex.com',
    });
  });

  it('forwards stage moves and a rejection with its reason: HubSpot lifecycle stage and lead status, Salesforce status, webhook', async () => {
    const { visitorId, conversationId } = await chat('omar@globex.com');
    await book(conversationId, { name: 'Omar Haddad', email: 'omar@globex.com' });
    await runtime.flushEvents();
    const token = await anaToken();

    const accepted = await call('POST', `/v1/sites/demo/leads/${visitorId}/accept`, {}, token);
    await runtime.flushEvents();
    const afterAccept = { hubspot: { ...contact('omar@globex.com') }, salesforce: { ...sfLead(visitorId) } };
    const rejected = await call(
      'POST',
      `/v1/sites/demo/leads/${visitorId}/reject`,
      { reason: 'wrong-data', note: 'typo in the company name' },
      token,
    );
    await runtime.flushEvents();

    expect([accepted.status, rejected.status]).toEqual([200, 200]);
    expect(afterAccept.hubspot).toMatchObject({ lifecyclestage: 'salesqualifiedlead', hs_lead_status: 'OPEN' });
    expect(afterAccept.salesforce).toMatchObject({ Status: 'Working - Contacted' });
    // Wrong data sends the lead back to marketing: the lead stage again, with the reason and the rep's note.
    expect(contact('omar@globex.com')).toMatchObject({
      lifecyclestage: 'lead',
      hs_lead_status: 'NEW',
      baton_rejection_reason: 'wrong-data',
      baton_rejection_note: 'typo in the company name',
    });
    expect(sfLead(visitorId)).toMatchObject({
      Status: 'Open - Not Contacted',
      Baton_Rejection_Reason__c: 'wrong-data',
      Baton_Rejection_Note__c: 'typo in the company name',
    });
    expect(delivered('StageChanged').map((event) => [event.detail.visitorId, event.detail.to])).toEqual(
      expect.arrayContaining([
        [visitorId, 'sal'],
        [visitorId, 'lead'],
      ]),
    );
    expect(delivered('LeadRejected').find((event) => event.detail.visitorId === visitorId)?.detail).toMatchObject({
      reason: 'wrong-data',
      action: 'back-to-marketing',
      repId: 'rep-ana',
    });
  });

  it('forwards a no-show to the meeting in both CRMs and to the webhook', async () => {
    const { conversationId } = await chat('lena@globex.com');
    const { meetingId, start } = await book(conversationId, { name: 'Lena Vogel', email: 'lena@globex.com' });
    await runtime.flushEvents();

    clock.now = Date.parse(start) + 10 * 60_000;
    const marked = await call('POST', `/v1/meetings/${meetingId}/no-show`, {}, await anaToken());
    await runtime.flushEvents();

    expect(marked.status).toBe(200);
    expect(hubspot.objects.get('meetings')?.get(meetingId)?.properties.hs_meeting_outcome).toBe('NO_SHOW');
    expect(salesforce.records.get('Event')?.get(meetingId)?.Subject).toBe('No-show: Meeting with Lena Vogel');
    expect(delivered('MeetingNoShow').map((event) => event.detail.meetingId)).toContain(meetingId);
  });
});
