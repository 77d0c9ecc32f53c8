import { Client } from '@hubspot/api-client';
import {
  CrmError,
  type CrmErasure,
  type CrmLead,
  type CrmMeeting,
  type CrmProvider,
  type CrmTranscript,
} from '../../ports/crm.js';
import type { CrmMapping } from './crm-mapping.js';
import { assertAllowedUrl, guardedAgent, outboundPolicy, type OutboundPolicy } from '../http/outbound-guard.js';

const MEETING_OUTCOMES: Record<CrmMeeting['status'], string> = {
  scheduled: 'SCHEDULED',
  canceled: 'CANCELED',
  'no-show': 'NO_SHOW',
};

interface HubSpotError {
  code?: number;
  headers?: Record<string, string>;
  message?: string;
}

/**
 * HubSpot through its official client: contacts upserted by email (lifecycle stage and lead status
 * from the funnel stage, Baton's score, source and rejection reason), companies by domain, meetings
 * and transcript notes by Baton's own unique properties (`baton_meeting_id`, `baton_note_id`, created
 * once in the portal with `baton_score`, `baton_source`, `baton_rejection_reason` and
 * `baton_rejection_note`), associations by idempotent PUTs. The client's own retries are off: the sync retries.
 */
export class HubSpotCrm implements CrmProvider {
  readonly name = 'hubspot';
  private readonly client: Client;

  constructor(
    options: { accessToken: string; basePath?: string | undefined },
    private readonly mapping: CrmMapping,
    outbound: OutboundPolicy = outboundPolicy(),
  ) {
    const base = new URL(options.basePath ?? 'https://api.hubapi.com');
    assertAllowedUrl(base, outbound);
    const protocol = base.protocol;
    this.client = new Client({
      accessToken: options.accessToken,
      numberOfApiCallRetries: 0,
      // Every connection the client opens goes through the outbound guard's address check.
      httpAgent: guardedAgent(outbound, protocol === 'http:' ? 'http:' : 'https:'),
      ...(options.basePath ? { basePath: options.basePath } : {}),
    });
  }

  async upsertLead(lead: CrmLead): Promise<void> {
    await this.call(async () => {
      const contactId = await this.upsertContact(lead);
      if (lead.domain) {
        const company = await this.client.crm.companies.batchApi.upsert({
          inputs: [
            {
              idProperty: 'domain',
              id: lead.domain,
              properties: { domain: lead.domain, ...(lead.company ? { name: lead.company } : {}) },
            },
          ],
        });
        const companyId = company.results[0]?.id;
        if (companyId)
          await this.client.crm.associations.v4.basicApi.createDefault('contacts', contactId, 'companies', companyId);
      }
    });
  }

  async recordMeeting(meeting: CrmMeeting): Promise<void> {
    await this.call(async () => {
      const contactId = await this.upsertContact(meeting.lead);
      const owner = this.mapping.owners[meeting.repId]?.hubspot;
      const meetings = await this.client.crm.objects.meetings.batchApi.upsert({
        inputs: [
          {
            idProperty: 'baton_meeting_id',
            id: meeting.meetingId,
            properties: {
              baton_meeting_id: meeting.meetingId,
              hs_timestamp: meeting.start,
              hs_meeting_title: `Meeting with ${meeting.lead.name ?? meeting.lead.email}`,
              hs_meeting_start_time: meeting.start,
              hs_meeting_end_time: meeting.end,
              hs_meeting_outcome: MEETING_OUTCOMES[meeting.status],
              ...(owner ? { hubspot_owner_id: owner } : {}),
            },
          },
        ],
      });
      const meetingId = meetings.results[0]?.id;
      if (meetingId)
        await this.client.crm.associations.v4.basicApi.createDefault('meetings', meetingId, 'contacts', contactId);
      await this.upsertNote(contactId, `transcript-${meeting.meetingId}`, meeting.start, meeting.transcript);
    });
  }

  async recordTranscript(transcript: CrmTranscript): Promise<void> {
    await this.call(async () => {
      const contactId = await this.upsertContact(transcript.lead);
      await this.upsertNote(contactId, transcript.key, transcript.at, transcript.transcript);
    });
  }

  private async upsertNote(contactId: string, key: string, at: string, body: string): Promise<void> {
    const notes = await this.client.crm.objects.notes.batchApi.upsert({
      inputs: [
        {
          idProperty: 'baton_note_id',
          id: key,
          properties: { baton_note_id: key, hs_timestamp: at, hs_note_body: body },
        },
      ],
    });
    const noteId = notes.results[0]?.id;
    if (noteId) await this.client.crm.associations.v4.basicApi.createDefault('notes', noteId, 'contacts', contactId);
  }

  /** HubSpot's GDPR delete: the contact and its associated content, permanently; an unknown contact is already gone. */
  async erase(erasure: CrmErasure): Promise<void> {
    for (const email of erasure.emails) {
      let response: { status: number };
      try {
        response = await this.client.apiRequest({
          method: 'POST',
          path: '/crm/v3/objects/contacts/gdpr-delete',
          body: { objectId: email, idProperty: 'email' },
        });
      } catch (error) {
        throw new CrmError(this.name, null, true, `unreachable: ${(error as Error).message}`);
      }
      if (response.status < 300 || response.status === 404) continue;
      throw new CrmError(
        this.name,
        response.status,
        response.status === 429 || response.status >= 500,
        `GDPR delete answered ${response.status}`,
      );
    }
  }

  private async upsertContact(lead: CrmLead): Promise<string> {
    const owner = lead.repId ? this.mapping.owners[lead.repId]?.hubspot : undefined;
    const [firstname, ...rest] = (lead.name ?? '').split(' ');
    const result = await this.client.crm.contacts.batchApi.upsert({
      inputs: [
        {
          idProperty: 'email',
          id: lead.email,
          properties: {
            email: lead.email,
            ...(firstname ? { firstname } : {}),
            ...(rest.length ? { lastname: rest.join(' ') } : {}),
            ...(lead.company ? { company: lead.company } : {}),
            lifecyclestage: this.mapping.hubspotStages[lead.stage] ?? 'lead',
            ...(this.mapping.hubspotLeadStatuses[lead.stage]
              ? { hs_lead_status: this.mapping.hubspotLeadStatuses[lead.stage] }
              : {}),
            ...(lead.rejection
              ? { baton_rejection_reason: lead.rejection.reason, baton_rejection_note: lead.rejection.note ?? '' }
              : {}),
            ...(lead.score !== null ? { baton_score: String(lead.score) } : {}),
            ...(lead.source ? { baton_source: lead.source } : {}),
            ...(owner ? { hubspot_owner_id: owner } : {}),
          },
        },
      ],
    });
    const id = result.results[0]?.id;
    if (!id) throw new CrmError(this.name, null, true, 'contact upsert returned no id');
    return id;
  }

  private async call(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof CrmError) throw error;
      const failure = error as HubSpotError;
      const status = typeof failure.code === 'number' ? failure.code : null;
      const retryAfter = Number(failure.headers?.['retry-after']);
      throw new CrmError(
        this.name,
        status,
        status === null || status === 429 || status >= 500,
        failure.message?.slice(0, 300) ?? 'request failed',
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
      );
    }
  }
}
