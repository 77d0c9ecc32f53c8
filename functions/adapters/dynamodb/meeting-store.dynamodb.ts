import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../core/events/domain-event.js';
import { type Meeting, timeCellsEnd } from '../../core/scheduling/meeting.js';
import { appendOutbox, outboxAttributes } from './outbox.dynamodb.js';
import { queryAll } from './query-all.js';
import type { MeetingStore } from '../../ports/meeting-store.js';

const lockKey = (siteKey: string, repId: string, cell: string) => ({
  pk: `SITE#${siteKey}#REP#${repId}#LOCKS`,
  sk: cell,
});
/** Outside the conversation's own partition, which its store reads whole. */
const conversationClaimKey = (conversationId: string) => ({ pk: `CONV#${conversationId}#MEETING`, sk: 'ACTIVE' });
const meetingKey = (meetingId: string) => ({ pk: `MEETING#${meetingId}`, sk: 'MEETING' });

/**
 * A meeting is one item; its time is guarded by one lock item per grid cell it blocks, each taken
 * with a conditional put. The embedded store has no transactions, so cells are taken one by one and
 * given back when any is taken already: two bookings can never both hold an overlapping cell.
 */
export class DynamoDbMeetingStore implements MeetingStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async conversationMeeting(conversationId: string): Promise<string | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: conversationClaimKey(conversationId), ConsistentRead: true }),
    );
    return Item ? String(Item.meetingId) : null;
  }

  async claimConversation(conversationId: string, meetingId: string, replacing: string | null): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...conversationClaimKey(conversationId), type: 'conversation-meeting', meetingId },
          ...(replacing === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'meetingId = :held', ExpressionAttributeValues: { ':held': replacing } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async releaseConversation(conversationId: string, meetingId: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: conversationClaimKey(conversationId),
          ConditionExpression: 'meetingId = :me',
          ExpressionAttributeValues: { ':me': meetingId },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async acquireLocks(
    siteKey: string,
    repId: string,
    cells: readonly string[],
    meetingId: string,
    expiresAt: number,
  ): Promise<boolean> {
    const taken: string[] = [];
    for (const cell of cells) {
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...lockKey(siteKey, repId, cell), type: 'slot-lock', meetingId, expiresAt },
            // An expired lock (TTL deletes late) counts as free.
            // Free, expired (TTL deletes late), or already this meeting's (a reschedule that overlaps itself).
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR meetingId = :me',
            ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000), ':me': meetingId },
          }),
        );
        taken.push(cell);
      } catch (error) {
        // Only cells newly taken here are given back; cells the meeting held before stay held.
        await this.releaseLocks(siteKey, repId, taken, meetingId);
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    }
    return true;
  }

  async releaseLocks(siteKey: string, repId: string, cells: readonly string[], meetingId: string): Promise<void> {
    for (const cell of cells) {
      try {
        await this.db.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: lockKey(siteKey, repId, cell),
            ConditionExpression: 'meetingId = :id',
            ExpressionAttributeValues: { ':id': meetingId },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }

  async takeDaySeat(
    siteKey: string,
    repId: string,
    prefix: string,
    max: number,
    meetingId: string,
    expiresAt: number,
  ): Promise<string | null> {
    const { pk } = lockKey(siteKey, repId, '');
    const nowSeconds = Math.floor(Date.now() / 1000);
    const seats = await queryAll(this.db, {
      TableName: this.tableName,
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    });
    const held = seats.filter((item) => Number(item.expiresAt) >= nowSeconds);
    const mine = held.find((item) => item.meetingId === meetingId);
    if (mine) return String(mine.sk);
    // A day whose maximum was lowered may hold more places than it now allows: none is free then.
    if (held.length >= max) return null;
    const taken = new Set(held.map((item) => String(item.sk)));
    for (let place = 1; place <= max; place++) {
      const cell = `${prefix}${place}`;
      if (taken.has(cell)) continue;
      // Another booking may take this place between the read and the write: then the next one is tried.
      if (await this.acquireLocks(siteKey, repId, [cell], meetingId, expiresAt)) return cell;
    }
    return null;
  }

  async heldLocks(siteKey: string, repId: string, now: Date): Promise<ReadonlyMap<string, string>> {
    const { pk } = lockKey(siteKey, repId, '');
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      // The meeting index (a GSI) cannot be read consistently, and lags behind in DynamoDB; the locks can.
      ConsistentRead: true,
      // Time cells only: the day places sort after them.
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': pk,
        ':from': new Date(now.getTime() - 86_400_000).toISOString(),
        ':to': timeCellsEnd,
      },
    });
    const nowSeconds = Math.floor(now.getTime() / 1000);
    return new Map(
      items
        // An expired lock (TTL deletes late) counts as free, as it does when a booking takes it.
        .filter((item) => Number(item.expiresAt) >= nowSeconds)
        .map((item) => [String(item.sk), String(item.meetingId)] as const),
    );
  }

  async put(meeting: Meeting, events: readonly DomainEvent[] = []): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...this.item(meeting), ...outboxAttributes(events) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async update(meeting: Meeting, events: readonly DomainEvent[] = []): Promise<boolean> {
    const item = this.item(meeting);
    const outbox = appendOutbox(events);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: meetingKey(meeting.meetingId),
          UpdateExpression: `SET gsi1pk = :g1, gsi1sk = :g2, #sequence = :sequence, #meeting = :meeting${outbox.set.map((part) => `, ${part}`).join('')}`,
          ConditionExpression: '#sequence = :previous',
          ExpressionAttributeNames: { '#sequence': 'sequence', '#meeting': 'meeting', ...outbox.names },
          ExpressionAttributeValues: {
            ':g1': item.gsi1pk,
            ':g2': item.gsi1sk,
            ':sequence': meeting.sequence,
            ':meeting': meeting,
            ':previous': meeting.sequence - 1,
            ...outbox.values,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(meetingId: string): Promise<Meeting | null> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: meetingKey(meetingId) }));
    return Item ? (Item.meeting as Meeting) : null;
  }

  async listForRep(siteKey: string, repId: string, from: string, to: string): Promise<Meeting[]> {
    const meetings = await this.repMeetingsNear(siteKey, repId, from, to);
    // A no-show's time is past; a canceled meeting's time is free again.
    return meetings.filter(
      (meeting) => meeting.status === 'booked' && meeting.blockedEnd > from && meeting.blockedStart < to,
    );
  }

  async listAllForRep(siteKey: string, repId: string, from: string, to: string): Promise<Meeting[]> {
    const meetings = await this.repMeetingsNear(siteKey, repId, from, to);
    return meetings
      .filter((meeting) => meeting.start >= from && meeting.start < to)
      .sort((a, b) => a.start.localeCompare(b.start) || a.meetingId.localeCompare(b.meetingId));
  }

  /** A rep's meetings of every status whose blocked start lies from a day before `from` up to `to`. */
  private async repMeetingsNear(siteKey: string, repId: string, from: string, to: string): Promise<Meeting[]> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      // Meetings are indexed by their blocked start; none blocks more than a day before its end.
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': `SITE#${siteKey}#REP#${repId}#MEETINGS`,
        ':from': new Date(Date.parse(from) - 86_400_000).toISOString(),
        ':to': to,
      },
    });
    return items.map((item) => item.meeting as Meeting);
  }

  async setExternalEvents(
    meetingId: string,
    events: Meeting['externalEvents'],
    location?: NonNullable<Meeting['location']>,
  ): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: meetingKey(meetingId),
        UpdateExpression: location
          ? 'SET meeting.externalEvents = :events, meeting.#location = :location'
          : 'SET meeting.externalEvents = :events',
        ...(location
          ? {
              ExpressionAttributeNames: { '#location': 'location' },
              ExpressionAttributeValues: { ':events': events, ':location': location },
            }
          : { ExpressionAttributeValues: { ':events': events } }),
      }),
    );
  }

  private item(meeting: Meeting) {
    return {
      ...meetingKey(meeting.meetingId),
      type: 'meeting',
      gsi1pk: `SITE#${meeting.siteKey}#REP#${meeting.repId}#MEETINGS`,
      gsi1sk: `${meeting.blockedStart}#${meeting.meetingId}`,
      sequence: meeting.sequence,
      meeting,
    };
  }
}
