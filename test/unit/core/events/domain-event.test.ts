import { describe, expect, it } from 'vitest';
import { DomainEvent, domainEvent } from '../../../../functions/core/events/domain-event.js';

describe('domainEvent', () => {
  it('builds an EventBridge-shaped event of version 1 that the schema accepts', () => {
    const event = domainEvent('MeetingCanceled', 'meeting-canceled:m1', 'acme', '2026-11-25T10:00:00.000Z', {
      meetingId: 'm1',
      repId: 'rep-ana',
      reason: null,
    });

    expect(event).toEqual({
      id: 'meeting-canceled:m1',
      time: '2026-11-25T10:00:00.000Z',
      source: 'baton',
      siteKey: 'acme',
      version: 1,
      detailType: 'MeetingCanceled',
      detail: { meetingId: 'm1', repId: 'rep-ana', reason: null },
    });
    expect(DomainEvent.parse(event)).toEqual(event);
  });

  it.each([
    ['an unknown detail type', { detailType: 'MeetingTeleported' }],
    ['another source', { source: 'elsewhere' }],
    ['a later version', { version: 2 }],
    ['a time without offset', { time: '2026-11-25T10:00:00' }],
    ['an empty id', { id: '' }],
    ['a detail missing a field', { detail: { meetingId: 'm1', reason: null } }],
  ])('refuses %s', (_name, change) => {
    const event = domainEvent('MeetingCanceled', 'e1', 'acme', '2026-11-25T10:00:00.000Z', {
      meetingId: 'm1',
      repId: 'rep-ana',
      reason: null,
    });
    expect(DomainEvent.safeParse({ ...event, ...change }).success).toBe(false);
  });
});
