import { describe, expect, it } from 'vitest';
import { MeetingLocation, resolveLocation } from '../../../../functions/core/scheduling/meeting-location.js';

describe('where a meeting happens', () => {
  it.each([
    [
      { type: 'video-url', url: 'https://meet.test/ana' } as const,
      null,
      { kind: 'video', value: 'https://meet.test/ana' },
    ],
    [{ type: 'place', address: 'Rua Augusta 1' } as const, null, { kind: 'place', value: 'Rua Augusta 1' }],
    [{ type: 'phone', number: '+351 21 000' } as const, null, { kind: 'phone', value: '+351 21 000' }],
    [
      { type: 'calendar-video' } as const,
      'https://meet.google.test/x',
      { kind: 'video', value: 'https://meet.google.test/x' },
    ],
  ])('states %j as the invitation shows it', (configured, calendarUrl, resolved) => {
    expect(resolveLocation(configured, calendarUrl)).toEqual(resolved);
  });

  it('keeps a configured room even when the calendar made a link', () => {
    expect(resolveLocation({ type: 'video-url', url: 'https://meet.test/ana' }, 'https://other.test')).toEqual({
      kind: 'video',
      value: 'https://meet.test/ana',
    });
  });

  it('states no place when none is configured, or the calendar returned no link', () => {
    expect(resolveLocation(undefined, 'https://meet.google.test/x')).toBeNull();
    expect(resolveLocation({ type: 'calendar-video' }, null)).toBeNull();
    expect(resolveLocation({ type: 'calendar-video' }, '')).toBeNull();
  });

  it.each([
    ['https://meet.test/ana', true],
    ['http://meet.test/ana', true],
    ['HTTPS://MEET.TEST/ANA', true],
    ['ftp://meet.test/ana', false],
    ['javascript:alert(1)', false],
    ['mailto:ana@acme.test', false],
  ])('takes %s as a video room: %s', (url, accepted) => {
    expect(MeetingLocation.safeParse({ type: 'video-url', url }).success).toBe(accepted);
  });
});
