import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../../functions/core/events/domain-event.js';
import {
  appendOutbox,
  outboxAttributes,
  writesOutbox,
} from '../../../../functions/adapters/dynamodb/outbox.dynamodb.js';

const started: DomainEvent = {
  id: 'event-1',
  time: '2026-11-26T08:00:00.000Z',
  source: 'baton',
  siteKey: 'demo',
  version: 1,
  detailType: 'ConversationStarted',
  detail: { conversationId: 'conversation-1', visitorId: 'visitor-1', playbookId: 'default', rulebookVersion: 1 },
};
const item = { pk: 'CONV#conversation-1', sk: 'META' };

describe('which writes wake the local outbox relay', () => {
  it('a put or an update that adds events to an item does', () => {
    expect(writesOutbox({ TableName: 't', Item: { ...item, ...outboxAttributes([started]) } })).toBe(true);
    const append = appendOutbox([started]);
    expect(
      writesOutbox({
        TableName: 't',
        Key: item,
        UpdateExpression: `SET ${append.set.join(', ')}`,
        ExpressionAttributeNames: append.names,
        ExpressionAttributeValues: append.values,
      }),
    ).toBe(true);
  });

  it('a batch or a transaction does when one of its puts adds events', () => {
    const quiet = { PutRequest: { Item: { pk: 'ACCOUNT#a', sk: 'META' } } };
    expect(writesOutbox({ RequestItems: { t: [quiet] } })).toBe(false);
    expect(
      writesOutbox({
        RequestItems: { t: [quiet, { PutRequest: { Item: { ...item, ...outboxAttributes([started]) } } }] },
      }),
    ).toBe(true);
    expect(writesOutbox({ TransactItems: [{ Put: { Item: { ...item, ...outboxAttributes([started]) } } }] })).toBe(
      true,
    );
  });

  it('a write without events does not: an item with none, a rate-limit counter, a delivered batch cleared', () => {
    expect(writesOutbox({ TableName: 't', Item: { ...item, ...outboxAttributes([]) } })).toBe(false);
    const none = appendOutbox([]);
    expect(writesOutbox({ TableName: 't', Key: item, ExpressionAttributeNames: none.names })).toBe(false);
    expect(
      writesOutbox({
        TableName: 't',
        Key: { pk: 'LIMIT#ip-127.0.0.1', sk: 'WINDOW#1' },
        UpdateExpression: 'ADD #count :one SET #expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#count': 'count', '#expiresAt': 'expiresAt' },
      }),
    ).toBe(false);
    expect(writesOutbox({ TableName: 't', Key: item, UpdateExpression: 'REMOVE outbox, outboxPk, outboxSk' })).toBe(
      false,
    );
  });
});
