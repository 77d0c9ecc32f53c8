import { describe, expect, it } from 'vitest';
import { derivePresence, type PresenceInput } from '../../../../functions/core/live-chat/presence.js';
import { aLiveRep } from '../../../fixtures/live-chat.js';

// Wednesday 25 November 2026; Lisbon is on UTC in winter, New York five hours behind.
const at = (iso: string) => new Date(iso);
const input = (overrides: Partial<PresenceInput> = {}): PresenceInput => ({
  rep: aLiveRep(),
  setting: 'available',
  busy: [],
  now: at('2026-11-25T10:00:00Z'),
  ...overrides,
});

describe('a rep’s presence', () => {
  it.each([
    ['available inside working hours with nothing booked', input(), 'available'],
    ['away when the rep never said they are available', input({ setting: null }), 'set-away'],
    ['away when the rep set away', input({ setting: 'away' }), 'set-away'],
    ['away when the rep is inactive', input({ rep: aLiveRep({ active: false }) }), 'inactive'],
    [
      'away during out of office',
      input({ rep: aLiveRep({ outOfOffice: [{ start: '2026-11-25T00:00:00Z', end: '2026-11-26T00:00:00Z' }] }) }),
      'out-of-office',
    ],
    [
      'available again the moment out of office ends',
      input({ rep: aLiveRep({ outOfOffice: [{ start: '2026-11-24T00:00:00Z', end: '2026-11-25T10:00:00Z' }] }) }),
      'available',
    ],
    ['available at the first minute of working hours', input({ now: at('2026-11-25T09:00:00Z') }), 'available'],
    ['away at the minute working hours end', input({ now: at('2026-11-25T17:00:00Z') }), 'outside-working-hours'],
    [
      'away one millisecond before working hours',
      input({ now: at('2026-11-25T08:59:59.999Z') }),
      'outside-working-hours',
    ],
    ['away on a Saturday', input({ now: at('2026-11-28T10:00:00Z') }), 'outside-working-hours'],
    [
      'read in the rep’s own time zone: 10:00 UTC is 05:00 in New York',
      input({ rep: aLiveRep({ timeZone: 'America/New_York' }) }),
      'outside-working-hours',
    ],
    [
      'away on a holiday the rep’s date overrides close',
      input({ rep: aLiveRep({ dateOverrides: { '2026-11-25': [] } }) }),
      'outside-working-hours',
    ],
    [
      'away in a meeting',
      input({ busy: [{ start: Date.parse('2026-11-25T09:30:00Z'), end: Date.parse('2026-11-25T10:30:00Z') }] }),
      'in-a-meeting',
    ],
    [
      'available the moment a meeting ends',
      input({ busy: [{ start: Date.parse('2026-11-25T09:00:00Z'), end: Date.parse('2026-11-25T10:00:00Z') }] }),
      'available',
    ],
  ])('%s', (_sentence, given, reason) => {
    expect(derivePresence(given)).toEqual({ available: reason === 'available', reason });
  });
});
