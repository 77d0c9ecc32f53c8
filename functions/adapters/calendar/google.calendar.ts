import { z } from 'zod';
import type { CalendarSource, Rep } from '../../core/routing/rep.js';
import type { Meeting } from '../../core/scheduling/meeting.js';
import type { BusyTime, CalendarProvider } from '../../ports/calendar-provider.js';
import type { OAuthHttpClient } from './oauth-http-client.js';

const FreeBusy = z.object({
  calendars: z.record(
    z.string(),
    z.object({
      busy: z.array(z.object({ start: z.string(), end: z.string() })).default([]),
      errors: z.array(z.object({ reason: z.string() })).optional(),
    }),
  ),
});
const Created = z.object({ id: z.string(), hangoutLink: z.string().url().optional() });

/** Google Calendar: freeBusy for busy time, events.insert for the booked meeting. */
export class GoogleCalendar implements CalendarProvider {
  readonly type = 'google' as const;

  constructor(
    private readonly client: OAuthHttpClient,
    private readonly baseUrl = 'https://www.googleapis.com',
  ) {}

  async busy(source: CalendarSource, _rep: Rep, from: Date, to: Date): Promise<BusyTime> {
    if (source.type !== 'google') throw new Error('not a Google calendar');
    try {
      const body = FreeBusy.parse(
        await this.client.request(source.connectionId, `${this.baseUrl}/calendar/v3/freeBusy`, {
          method: 'POST',
          body: { timeMin: from.toISOString(), timeMax: to.toISOString(), items: [{ id: source.calendarId }] },
        }),
      );
      const calendar = body.calendars[source.calendarId];
      if (!calendar || calendar.errors?.length)
        return {
          busy: [],
          outOfOffice: [],
          status: 'unknown',
          error: `Google: ${calendar?.errors?.[0]?.reason ?? 'calendar missing from the answer'}`,
        };
      return {
        busy: calendar.busy.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) })),
        outOfOffice: [],
        status: 'ok',
      };
    } catch (error) {
      return { busy: [], outOfOffice: [], status: 'unknown', error: `Google: ${(error as Error).message}` };
    }
  }

  async createEvent(
    source: CalendarSource,
    _rep: Rep,
    meeting: Meeting,
    options: { video: boolean } = { video: false },
  ): Promise<{ eventId: string; videoUrl: string | null }> {
    if (source.type !== 'google') throw new Error('not a Google calendar');
    // Google creates the Meet room only when asked for conference data with version 1.
    const conference = options.video ? '&conferenceDataVersion=1' : '';
    const created = Created.parse(
      await this.client.request(
        source.connectionId,
        `${this.baseUrl}/calendar/v3/calendars/${encodeURIComponent(source.calendarId)}/events?sendUpdates=none${conference}`,
        {
          method: 'POST',
          body: {
            summary: `Meeting with ${meeting.visitor.name}`,
            start: { dateTime: meeting.start },
            end: { dateTime: meeting.end },
            attendees: [{ email: meeting.visitor.email, displayName: meeting.visitor.name }],
            iCalUID: meeting.uid,
            description: `Booked through Baton (conversation ${meeting.conversationId ?? 'n/a'}).`,
            ...(options.video
              ? {
                  conferenceData: {
                    createRequest: { requestId: meeting.meetingId, conferenceSolutionKey: { type: 'hangoutsMeet' } },
                  },
                }
              : {}),
          },
        },
      ),
    );
    return { eventId: created.id, videoUrl: created.hangoutLink ?? null };
  }

  async deleteEvent(source: CalendarSource, _rep: Rep, eventId: string): Promise<void> {
    if (source.type !== 'google') throw new Error('not a Google calendar');
    await this.client.request(
      source.connectionId,
      `${this.baseUrl}/calendar/v3/calendars/${encodeURIComponent(source.calendarId)}/events/${encodeURIComponent(eventId)}`,
      { method: 'DELETE' },
    );
  }
}
