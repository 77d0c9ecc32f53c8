import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { domainEvent } from '../../core/events/domain-event-builder.js';
import type { MailQueue } from '../../ports/mail-queue.js';
import type { MailMessage } from '../../ports/mailer.js';
import { outboxAttributes } from './outbox.dynamodb.js';

const mailKey = (mailId: string) => ({ pk: `MAIL#${mailId}`, sk: 'MAIL' });
/** A mail nobody could send in a week is dropped (its manage link goes with it). */
const KEEP_SECONDS = 7 * 24 * 3600;

/** Each queued mail is one item carrying its MailQueued event in the outbox, so the event exists only with the mail. */
export class DynamoDbMailQueue implements MailQueue {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly newId: () => string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const mailId = this.newId();
    const now = this.clock();
    const queued = domainEvent('MailQueued', `mail-queued:${mailId}`, '', now.toISOString(), { mailId });
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...mailKey(mailId),
          type: 'mail',
          message,
          expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
          ...outboxAttributes([queued]),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { messageId: mailId };
  }

  async get(mailId: string): Promise<MailMessage | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: mailKey(mailId), ConsistentRead: true }),
    );
    return Item ? (Item.message as MailMessage) : null;
  }

  async remove(mailId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: mailKey(mailId) }));
  }
}
