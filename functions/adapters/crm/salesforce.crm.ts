import { Connection } from 'jsforce';
import {
  CrmError,
  type CrmErasure,
  type CrmLead,
  type CrmMeeting,
  type CrmProvider,
  type CrmTranscript,
} from '../../ports/crm.js';
import type { CrmMapping } from './crm-mapping.js';
import { assertAllowedDestination, outboundPolicy, type OutboundPolicy } from '../http/outbound-guard.js';

export interface SalesforceOptions {
  instanceUrl: string;
  accessToken: string;
  /** With these, jsforce refreshes an expired access token by itself. */
  refreshToken?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  loginUrl?: string | undefined;
  apiVersion?: string;
}

/**
 * Salesforce through jsforce: Leads, Events (the meeting) and Tasks (the transcript) are upserted by
 * Baton's external-id fields (`Baton_Visitor_Id__c`, `Baton_Meeting_Id__c`, `Baton_Key__c`), so a
 * repeated sync updates instead of duplicating; OwnerId comes from the routing through the mapping,
 * Status from the funnel stage, and a rejection fills `Baton_Rejection_Reason__c` and `…_Note__c`.
 */
export class SalesforceCrm implements CrmProvider {
  readonly name = 'salesforce';
  private readonly connection: Connection;

  constructor(
    private readonly options: SalesforceOptions,
    private readonly mapping: CrmMapping,
    private readonly outbound: OutboundPolicy = outboundPolicy(),
  ) {
    this.connection = new Connection({
      instanceUrl: options.instanceUrl,
      accessToken: options.accessToken,
      version: options.apiVersion ?? '59.0',
      ...(options.refreshToken && options.clientId
        ? {
            refreshToken: options.refreshToken,
            oauth2: {
              clientId: options.clientId,
              clientSecret: options.clientSecret,
              loginUrl: options.loginUrl ?? 'https://login.salesforce.com',
            },
          }
        : {}),
    });
  }

  async upsertLead(lead: CrmLead): Promise<void> {
    await this.call(() => this.upsertLeadRecord(lead));
  }

  async recordMeeting(meeting: CrmMeeting): Promise<void> {
    await this.call(async () => {
      const found = await this.upsertAndFindLead(meeting.lead);
      const owner = this.mapping.owners[meeting.repId]?.salesforce;
      const who = meeting.lead.name ?? meeting.lead.email;
      await this.upsert('Event', 'Baton_Meeting_Id__c', {
        Baton_Meeting_Id__c: meeting.meetingId,
        Subject:
          { scheduled: '', canceled: 'Canceled: ', 'no-show': 'No-show: ' }[meeting.status] + `Meeting with ${who}`,
        StartDateTime: meeting.start,
        EndDateTime: meeting.end,
        ...(found ? { WhoId: found.Id } : {}),
        ...(owner ? { OwnerId: owner } : {}),
      });
      await this.upsertTranscriptTask(`transcript-${meeting.meetingId}`, meeting.transcript, found);
    });
  }

  async recordTranscript(transcript: CrmTranscript): Promise<void> {
    await this.call(async () => {
      const found = await this.upsertAndFindLead(transcript.lead);
      await this.upsertTranscriptTask(transcript.key, transcript.transcript, found);
    });
  }

  private async upsertAndFindLead(lead: CrmLead): Promise<{ Id: string } | undefined> {
    await this.upsertLeadRecord(lead);
    return (
      await this.connection.query<{ Id: string }>(
        `SELECT Id FROM Lead WHERE Baton_Visitor_Id__c = '${lead.visitorId.replace(/[^0-9A-Za-z]/g, '')}' LIMIT 1`,
      )
    ).records[0];
  }

  private async upsertTranscriptTask(key: string, transcript: string, lead: { Id: string } | undefined) {
    await this.upsert('Task', 'Baton_Key__c', {
      Baton_Key__c: key,
      Subject: 'Chat transcript (Baton)',
      Description: transcript.slice(0, 32_000),
      Status: 'Completed',
      ...(lead ? { WhoId: lead.Id } : {}),
    });
  }

  /**
   * Deletes by Baton's external ids: the Leads (a meeting booked without a chat made its Lead under the
   * meeting id), each meeting's Event and transcript Task, each conversation's transcript Task. A record already gone is not an error.
   */
  async erase(erasure: CrmErasure): Promise<void> {
    await this.call(async () => {
      const targets = [
        ...[...erasure.visitorIds, ...erasure.meetingIds].map((id) => ['Lead', 'Baton_Visitor_Id__c', id] as const),
        ...erasure.meetingIds.map((id) => ['Event', 'Baton_Meeting_Id__c', id] as const),
        ...erasure.meetingIds.map((id) => ['Task', 'Baton_Key__c', `transcript-${id}`] as const),
        ...erasure.conversationIds.map((id) => ['Task', 'Baton_Key__c', `conversation-${id}`] as const),
      ];
      for (const [type, field, value] of targets) {
        try {
          await this.connection.request({
            method: 'DELETE',
            url: `/sobjects/${type}/${field}/${encodeURIComponent(value)}`,
          });
        } catch (error) {
          const failure = error as { errorCode?: string; statusCode?: number };
          if (failure.errorCode !== 'NOT_FOUND' && failure.statusCode !== 404) throw error;
        }
      }
    });
  }

  private async upsertLeadRecord(lead: CrmLead) {
    const owner = lead.repId ? this.mapping.owners[lead.repId]?.salesforce : undefined;
    const [first, ...rest] = (lead.name ?? '').split(' ');
    await this.upsert('Lead', 'Baton_Visitor_Id__c', {
      Baton_Visitor_Id__c: lead.visitorId,
      Email: lead.email,
      FirstName: rest.length ? first : undefined,
      // Salesforce requires LastName and Company on a Lead.
      LastName: rest.length ? rest.join(' ') : first || lead.email,
      Company: lead.company ?? lead.domain ?? 'Unknown',
      Status: this.mapping.salesforceStatuses[lead.stage] ?? 'Open - Not Contacted',
      ...(lead.rejection
        ? { Baton_Rejection_Reason__c: lead.rejection.reason, Baton_Rejection_Note__c: lead.rejection.note ?? '' }
        : {}),
      LeadSource: lead.source ?? 'Web chat',
      ...(lead.score !== null ? { Rating: lead.score >= 70 ? 'Hot' : lead.score >= 40 ? 'Warm' : 'Cold' } : {}),
      ...(owner ? { OwnerId: owner } : {}),
    });
  }

  private async upsert(type: string, externalId: string, record: Record<string, unknown>) {
    const clean = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
    const result = (await this.connection.sobject(type).upsert(clean as never, externalId)) as unknown as {
      success: boolean;
      errors?: unknown[];
    };
    if (!result.success)
      throw new CrmError(this.name, 400, false, `${type} upsert refused: ${JSON.stringify(result.errors ?? [])}`);
  }

  private async call(work: () => Promise<void>): Promise<void> {
    try {
      // jsforce takes no agent: the configured host is resolved and checked before each operation.
      await assertAllowedDestination(this.options.instanceUrl, this.outbound);
      await work();
    } catch (error) {
      if (error instanceof CrmError) throw error;
      const failure = error as {
        statusCode?: number;
        errorCode?: string;
        message?: string;
        headers?: Record<string, string>;
      };
      const status = typeof failure.statusCode === 'number' ? failure.statusCode : null;
      const retryable =
        status === null
          ? !failure.errorCode || /ECONN|ETIMEDOUT|fetch failed/.test(failure.message ?? '')
          : status === 429 || status >= 500;
      throw new CrmError(this.name, status, retryable, failure.message?.slice(0, 300) ?? 'request failed');
    }
  }
}
