import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Conversation, Turn } from '../../core/conversation/conversation.js';
import type { DomainEvent } from '../../core/events/domain-event.js';
import type { Lead } from '../../core/funnel/lead.js';
import type { LiveChat } from '../../core/live-chat/live-chat.js';
import type { Meeting } from '../../core/scheduling/meeting.js';
import type { VisitorProfile } from '../../core/visitors/visitor-profile.js';
import type { DeadLetter, SyncStatus } from '../../ports/sync-store.js';
import type { ScheduledTimer } from '../../ports/timers.js';
import type { DataSubject, PrivacyAuditEntry, VisitorDataStore, VisitorRecords } from '../../ports/visitor-data.js';
import { siteConversationsPk } from './conversation-store.dynamodb.js';
import { latestDecision } from './decision-store.dynamodb.js';
import { outboxAttributes } from './outbox.dynamodb.js';
import { queryAll } from './query-all.js';

type Item = Record<string, unknown>;

/** A filter's IN list holds at most 100 values; a person's visitors and conversations are far fewer. */
const IN_LIMIT = 100;

/**
 * Every item kind of the table that names a person, read and erased in one place so nothing is
 * forgotten when a kind is added: the keys below mirror the stores that write them (visitor, sync,
 * lead, conversation, decision, meeting, live-chat, timer stores). Items that hold no personal data
 * (report counters, round-robin tickets, slot locks, processed-event markers) are left. Lookups stay
 * inside the site's own index partitions; no table scan.
 */
export class DynamoDbVisitorData implements VisitorDataStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(siteKey: string, subject: DataSubject): Promise<VisitorRecords> {
    const emails = 'email' in subject ? emailForms(subject.email) : [];
    const profileItems =
      'email' in subject
        ? await this.profilesByEmail(siteKey, emails)
        : await this.profileById(siteKey, subject.visitorId);
    const visitorIds = profileItems.map((item) => (item.profile as VisitorProfile).visitorId);
    for (const item of profileItems) {
      const email = (item.profile as VisitorProfile).answers.email;
      if (email) emails.push(...emailForms(email).filter((form) => !emails.includes(form)));
    }

    const meetingItems = await this.meetingsOf(siteKey, visitorIds, emails);
    const conversationIds = new Set([
      ...(await this.conversationIdsOf(siteKey, visitorIds)),
      ...meetingItems.map((item) => (item.meeting as Meeting).conversationId).filter((id): id is string => !!id),
    ]);

    const syncItems = (
      await Promise.all(
        visitorIds.map((visitorId) =>
          queryAll(this.db, {
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sync)',
            ExpressionAttributeValues: { ':pk': visitorPk(visitorId), ':sync': 'SYNC#' },
          }),
        ),
      )
    ).flat();
    const leadItems = (await Promise.all(visitorIds.map((visitorId) => this.get(leadKey(siteKey, visitorId))))).filter(
      (item): item is Item => item !== null,
    );

    const conversations: VisitorRecords['conversations'] = [];
    const conversationItems: Item[] = [];
    for (const conversationId of conversationIds) {
      const items = await queryAll(this.db, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': conversationPk(conversationId) },
      });
      const header = items.find((item) => item.sk === CONVERSATION_SK);
      if (!header || header.siteKey !== siteKey) continue;
      conversationItems.push(...items);
      const decision = latestDecision(items);
      const liveChat = await this.get(liveChatKey(siteKey, conversationId));
      conversations.push({
        conversation: withoutKeys(header) as unknown as Conversation,
        turns: items
          .filter((item) => String(item.sk).startsWith('TURN#'))
          .map(({ decision: _decision, ...turn }) => withoutKeys(turn) as unknown as Turn),
        decision,
        liveChat: liveChat ? (withoutKeys(liveChat) as unknown as LiveChat) : null,
      });
    }

    const meetingIds = meetingItems.map((item) => (item.meeting as Meeting).meetingId);
    const subjectOf = { visitorIds, emails, meetingIds, conversationIds: [...conversationIds] };
    // SLA and inactivity timers name the visitor, live-offer timers the conversation, reminders the meeting.
    const timers = (await this.timersOf(siteKey)).filter(
      ({ payload }) =>
        (payload.visitorId !== undefined && visitorIds.includes(String(payload.visitorId))) ||
        (payload.conversationId !== undefined && conversationIds.has(String(payload.conversationId))) ||
        (payload.meetingId !== undefined && meetingIds.includes(String(payload.meetingId))),
    );
    const deadLetters = (await this.deadLetters(siteKey)).filter((letter) => mentions(letter.event, subjectOf));
    const pending = [...profileItems, ...leadItems, ...conversationItems, ...meetingItems].flatMap(
      (item) => (item.outbox ?? []) as DomainEvent[],
    );

    return {
      profiles: profileItems.map((item) => item.profile as VisitorProfile),
      leads: leadItems.map((item) => item.lead as Lead),
      conversations,
      meetings: meetingItems.map((item) => item.meeting as Meeting),
      syncStatuses: syncItems.map((item) => item.status as SyncStatus),
      timers,
      events: [...pending, ...deadLetters.map((letter) => letter.event)],
    };
  }

  async erase(siteKey: string, records: VisitorRecords): Promise<void> {
    const keys: Array<{ pk: string; sk: string }> = [];
    for (const profile of records.profiles) keys.push({ pk: visitorPk(profile.visitorId), sk: 'PROFILE' });
    for (const status of records.syncStatuses)
      keys.push({ pk: visitorPk(status.visitorId), sk: `SYNC#${status.target}` });
    for (const lead of records.leads) keys.push(leadKey(siteKey, lead.visitorId));
    for (const { conversation } of records.conversations) {
      const items = await queryAll(this.db, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ProjectionExpression: 'pk, sk',
        ExpressionAttributeValues: { ':pk': conversationPk(conversation.id) },
      });
      keys.push(...items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) })));
      keys.push({ pk: `${conversationPk(conversation.id)}#MEETING`, sk: 'ACTIVE' });
      keys.push(liveChatKey(siteKey, conversation.id));
    }
    for (const timer of records.timers) keys.push({ pk: `TIMER#${timer.id}`, sk: 'TIMER' });
    const eventIds = new Set(records.events.map((event) => event.id));
    for (const letter of await this.deadLetters(siteKey))
      if (eventIds.has(letter.event.id))
        keys.push({ pk: deadLettersPk(siteKey), sk: `${letter.target}#${letter.event.id}` });
    for (const key of keys) await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: key }));

    // The meeting keeps the rep's time blocked and its calendar entry; who it was with is blanked.
    for (const meeting of records.meetings)
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `MEETING#${meeting.meetingId}`, sk: 'MEETING' },
          UpdateExpression:
            'SET #meeting.#visitor = :visitor, #meeting.#visitorId = :none, #meeting.#conversationId = :none, #meeting.#canceledReason = :none REMOVE outbox, outboxPk, outboxSk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: {
            '#meeting': 'meeting',
            '#visitor': 'visitor',
            '#visitorId': 'visitorId',
            '#conversationId': 'conversationId',
            '#canceledReason': 'canceledReason',
          },
          ExpressionAttributeValues: {
            ':visitor': { name: '', email: '', timeZone: meeting.visitor.timeZone },
            ':none': null,
          },
        }),
      );
  }

  async audit(entry: PrivacyAuditEntry, events: readonly DomainEvent[] = []): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `SITE#${entry.siteKey}#PRIVACY-AUDIT`,
          sk: `${entry.at}#${entry.id}`,
          type: 'privacy-audit',
          entry,
          ...outboxAttributes(events),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  private async get(key: { pk: string; sk: string }): Promise<Item | null> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return Item ?? null;
  }

  private async profileById(siteKey: string, visitorId: string): Promise<Item[]> {
    const item = await this.get({ pk: visitorPk(visitorId), sk: 'PROFILE' });
    return item && (item.profile as VisitorProfile).siteKey === siteKey ? [item] : [];
  }

  private profilesByEmail(siteKey: string, emails: string[]): Promise<Item[]> {
    return queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      FilterExpression: `#profile.#answers.#email IN (${emails.map((_, i) => `:e${i}`).join(', ')})`,
      ExpressionAttributeNames: { '#profile': 'profile', '#answers': 'answers', '#email': 'email' },
      ExpressionAttributeValues: {
        ':pk': `SITE#${siteKey}#VISITORS`,
        ...Object.fromEntries(emails.map((email, i) => [`:e${i}`, email])),
      },
    });
  }

  private async conversationIdsOf(siteKey: string, visitorIds: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < visitorIds.length; start += IN_LIMIT) {
      const batch = visitorIds.slice(start, start + IN_LIMIT);
      const items = await queryAll(this.db, {
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        FilterExpression: `visitorId IN (${batch.map((_, i) => `:v${i}`).join(', ')})`,
        ExpressionAttributeValues: {
          ':pk': siteConversationsPk(siteKey),
          ...Object.fromEntries(batch.map((id, i) => [`:v${i}`, id])),
        },
      });
      ids.push(...items.map((item) => String(item.id)));
    }
    return ids;
  }

  /** Meetings are indexed per rep: every rep of the site is asked for meetings with the person. */
  private async meetingsOf(siteKey: string, visitorIds: string[], emails: string[]): Promise<Item[]> {
    if (visitorIds.length === 0 && emails.length === 0) return [];
    const reps = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ProjectionExpression: 'sk',
      ExpressionAttributeValues: { ':pk': `SITE#${siteKey}#REPS` },
    });
    const values = [...visitorIds.slice(0, IN_LIMIT / 2), ...emails.slice(0, IN_LIMIT / 2)];
    const found: Item[] = [];
    for (const rep of reps) {
      const repId = String(rep.sk).slice('REP#'.length);
      found.push(
        ...(await queryAll(this.db, {
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          FilterExpression: `#meeting.#visitorId IN (${values.map((_, i) => `:s${i}`).join(', ')}) OR #meeting.#visitor.#email IN (${values.map((_, i) => `:s${i}`).join(', ')})`,
          ExpressionAttributeNames: {
            '#meeting': 'meeting',
            '#visitorId': 'visitorId',
            '#visitor': 'visitor',
            '#email': 'email',
          },
          ExpressionAttributeValues: {
            ':pk': `SITE#${siteKey}#REP#${repId}#MEETINGS`,
            ...Object.fromEntries(values.map((value, i) => [`:s${i}`, value])),
          },
        })),
      );
    }
    return found;
  }

  private async timersOf(siteKey: string): Promise<ScheduledTimer[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      FilterExpression: 'siteKey = :site',
      ExpressionAttributeValues: { ':pk': 'TIMERS#DUE', ':site': siteKey },
    });
    return items.map((item) => item.timer as ScheduledTimer);
  }

  private async deadLetters(siteKey: string): Promise<DeadLetter[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': deadLettersPk(siteKey) },
    });
    return items.map((item) => item.letter as DeadLetter);
  }
}

const CONVERSATION_SK = '~CONVERSATION';
const visitorPk = (visitorId: string) => `VISITOR#${visitorId}`;
const conversationPk = (conversationId: string) => `CONV#${conversationId}`;
const leadKey = (siteKey: string, visitorId: string) => ({ pk: `LEAD#${siteKey}#${visitorId}`, sk: 'LEAD' });
const liveChatKey = (siteKey: string, conversationId: string) => ({
  pk: `LIVE#${siteKey}`,
  sk: `CHAT#${conversationId}`,
});
const deadLettersPk = (siteKey: string) => `SITE#${siteKey}#DEAD-LETTERS`;

/** The email as given and in lower case: forms store what was typed. */
function emailForms(email: string): string[] {
  const trimmed = email.trim();
  return [...new Set([trimmed, trimmed.toLowerCase()])];
}

function withoutKeys(item: Item): Item {
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _g1,
    gsi1sk: _g2,
    type: _type,
    outbox: _o,
    outboxPk: _op,
    outboxSk: _os,
    ...rest
  } = item;
  return rest;
}

/** Whether an event names the person: one of their visitors, meetings or conversations, or their email. */
function mentions(
  event: DomainEvent,
  subject: { visitorIds: string[]; emails: string[]; meetingIds: string[]; conversationIds: string[] },
): boolean {
  const detail = event.detail as Record<string, unknown>;
  const is = (field: string, values: string[]) => typeof detail[field] === 'string' && values.includes(detail[field]);
  return (
    is('visitorId', subject.visitorIds) ||
    is('meetingId', subject.meetingIds) ||
    is('conversationId', subject.conversationIds) ||
    (typeof detail.visitorEmail === 'string' && subject.emails.includes(detail.visitorEmail.toLowerCase())) ||
    is('email', subject.emails)
  );
}
