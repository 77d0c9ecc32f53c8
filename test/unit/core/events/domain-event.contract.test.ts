import { describe, expect, it } from 'vitest';
import {
  type DetailOf,
  type DetailType,
  DomainEvent,
  domainEvent,
} from '../../../../functions/core/events/domain-event.js';

const at = '2026-11-25T10:00:00.000Z';

/** One complete detail of every event Baton emits: what a consumer reading the bus can count on. */
const EXAMPLES: { [T in DetailType]: DetailOf<T> } = {
  ConversationStarted: { conversationId: 'c1', visitorId: 'v1', playbookId: 'p1', rulebookVersion: 3 },
  VisitorIdentified: { visitorId: 'v1', email: 'ada@acme.test', name: 'Ada', company: null, conversationId: 'c1' },
  LeadScored: { visitorId: 'v1', total: 75, delta: 20, rulebookVersion: 3 },
  StageChanged: { visitorId: 'v1', from: 'lead', to: 'mql', rulebookVersion: 3, subject: 'lead', why: 'x', by: 'y' },
  VisitorRouted: {
    conversationId: 'c1',
    visitorId: 'v1',
    outcome: 'rep',
    repId: 'rep-ana',
    ruleId: 'mql',
    rulebookVersion: 3,
    viaFallback: false,
  },
  MeetingBooked: {
    meetingId: 'm1',
    conversationId: null,
    visitorId: null,
    repId: 'rep-ana',
    start: at,
    end: at,
    visitorEmail: 'ada@acme.test',
    visitorName: 'Ada',
  },
  MeetingRescheduled: { meetingId: 'm1', repId: 'rep-ana', start: at, end: at, sequence: 2 },
  MeetingCanceled: { meetingId: 'm1', repId: 'rep-ana', reason: null },
  MeetingNoShow: { meetingId: 'm1', repId: 'rep-ana', visitorId: null },
  MailQueued: { mailId: 'mail-1' },
  LeadAccepted: { visitorId: 'v1', repId: 'rep-ana' },
  LeadRejected: { visitorId: 'v1', repId: 'rep-ana', reason: 'competitor', action: 'exclude', source: null },
  LeadAssigned: { visitorId: 'v1', repId: null, queue: 'sales-queue', why: 'nobody available' },
  LeadActivityLogged: {
    visitorId: 'v1',
    repId: 'rep-ana',
    kind: 'call',
    attempt: true,
    firstTouch: true,
    mqlAt: at,
  },
  SlaBreached: { visitorId: 'v1', term: 'first-touch', dueAt: at, repId: 'rep-ana', reassignedTo: 'rep-ben' },
  SlaMet: { visitorId: 'v1', term: 'first-touch', dueAt: at, repId: null },
  VisitorErased: {
    erasureId: 'er1',
    visitorIds: ['v1'],
    emails: ['ada@acme.test'],
    meetingIds: ['m1'],
    conversationIds: ['c1'],
  },
  LiveChatEnded: {
    conversationId: 'c1',
    visitorId: 'v1',
    repId: 'rep-ana',
    requestedAt: at,
    firstResponseSeconds: 15,
  },
  RulebookPublished: { version: 4, contentHash: 'abc', previousVersion: 3 },
  RulebookRolledBack: { version: 2, contentHash: 'def', previousVersion: 4 },
  SimulationRequested: { simulationId: '01JD3Q8Y8M4S0W6Q9V2ZC3H7KX', days: 30 },
};
const cases = Object.entries(EXAMPLES) as Array<[DetailType, DetailOf<DetailType>]>;

describe('the domain events a consumer reads', () => {
  it.each(cases)('reads a %s event back exactly as it was emitted', (detailType, detail) => {
    const event = domainEvent(detailType, `e:${detailType}`, 'acme', at, detail);

    expect(DomainEvent.parse(JSON.parse(JSON.stringify(event)))).toEqual(event);
  });

  it.each(cases)('refuses a %s event missing a field of its detail, or under another type', (detailType, detail) => {
    const event = domainEvent(detailType, `e:${detailType}`, 'acme', at, detail);
    const [first] = Object.keys(detail);
    const { [first!]: _dropped, ...missing } = detail as Record<string, unknown>;
    const otherType = cases.find(([type]) => type !== detailType && !sameShape(EXAMPLES[type], detail))![0];

    expect(DomainEvent.safeParse({ ...event, detail: missing }).success).toBe(false);
    expect(DomainEvent.safeParse({ ...event, detailType: otherType }).success).toBe(false);
    expect(DomainEvent.safeParse({ ...event, detailType: '' }).success).toBe(false);
  });

  it.each([
    ['an empty id', { id: '' }],
    ['a time without offset', { time: '2026-11-25T10:00:00' }],
    ['another source', { source: '' }],
    ['a site key that is no text', { siteKey: 1 }],
  ])('refuses an event with %s', (_, change) => {
    const event = domainEvent('MailQueued', 'e1', 'acme', at, { mailId: 'mail-1' });

    expect(DomainEvent.safeParse({ ...event, ...change }).success).toBe(false);
  });

  it('accepts a time with an offset and a one-character id', () => {
    const event = domainEvent('MailQueued', 'e', 'acme', '2026-11-25T11:00:00+01:00', { mailId: 'mail-1' });

    expect(DomainEvent.parse(event)).toEqual(event);
  });

  it('refuses a routing outcome other than a rep or a nurture', () => {
    const event = domainEvent('VisitorRouted', 'e1', 'acme', at, EXAMPLES.VisitorRouted);

    expect(DomainEvent.safeParse({ ...event, detail: { ...EXAMPLES.VisitorRouted, outcome: 'queue' } }).success).toBe(
      false,
    );
    expect(
      DomainEvent.parse({ ...event, detail: { ...EXAMPLES.VisitorRouted, outcome: 'nurture', repId: null } }),
    ).toEqual(expect.objectContaining({ detail: expect.objectContaining({ outcome: 'nurture' }) }));
  });
});

/** Two details a schema could mistake for each other: the same keys. */
function sameShape(a: object, b: object) {
  return Object.keys(a).sort().join() === Object.keys(b).sort().join();
}
