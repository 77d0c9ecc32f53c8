import { z } from 'zod';
import type { CalendarSource, Rep } from '../../core/routing/rep.js';
import type { Meeting } from '../../core/scheduling/meeting.js';
import type { BusyTime, CalendarProvider } from '../../ports/calendar-provider.js';
import type { OAuthHttpClient } from './oauth-http-client.js';

const GraphTime = z.object({ dateTime: z.string(), timeZone: z.string() });
const Schedule = z.object({
  value: z.array(
    z.object({
      scheduleId: z.string(),
      scheduleItems: z
        .array(z.object({ status: z.string(), start: GraphTime, end: GraphTime, isPrivate: z.boolean().optional() }))
        .default([]),
      error: z.object({ message: z.string() }).optional(),
    }),
  ),
});
const Created = z.object({
  id: z.string(),
  onlineMeeting: z.object({ joinUrl: z.string().url().optional() }).nullish(),
});

// getSchedule is asked for UTC, so its local date-times carry no offset and are read as UTC.
const utc = (time: z.infer<typeof GraphTime>) =>
  Date.parse(time.dateTime.endsWith('Z') ? time.dateTime : `${time.dateTime}Z`);

/** Microsoft 365 through Graph: getSchedule for busy and out-of-office time, events for the booking. */
export class MicrosoftGraphCalendar implements CalendarProvider {
  readonly type = 'microsoft' as const;

  constructor(
    private readonly client: OAuthHttpClient,
    private readonly baseUrl = 'https://graph.microsoft.com',
  ) {}

  async busy(source: CalendarSource, _rep: Rep, from: Date, to: Date): Promise<BusyTime> {
    if (source.type !== 'microsoft') throw new Error('not a Microsoft calendar');
    try {
      const body = Schedule.parse(
        await this.client.request(
          source.connectionId,
          `${this.baseUrl}/v1.0/users/${encodeURIComponent(source.userPrincipalName)}/calendar/getSchedule`,
          {
            method: 'POST',
            body: {
              schedules: [source.userPrincipalName],
              startTime: { dateTime: from.toISOString().slice(0, 19), timeZone: 'UTC' },
              endTime: { dateTime: to.toISOString().slice(0, 19), timeZone: 'UTC' },
              availabilityViewInterval: 15,
            },
          },
        ),
      );
      const schedule = body.value[0];
      if (!schedule || schedule.error)
        return {
          busy: [],
          outOfOffice: [],
          status: 'unknown',
          error: `Microsoft: ${schedule?.error?.message ?? 'no schedule in the answer'}`,
        };
      const items = schedule.scheduleItems.filter((item) => item.status !== 'free');
      return {
        busy: items
          .filter((item) => item.status !== 'oof')
          .map((item) => ({ start: utc(item.start), end: utc(item.end) })),
        outOfOffice: items
          .filter((item) => item.status === 'oof')
          .map((item) => ({ start: utc(item.start), end: utc(item.end) })),
        status: 'ok',
      };
    } catch (error) {
      return { busy: [], outOfOffice: [], status: 'unknown', error: `Microsoft: ${(error as Error).message}` };
    }
  }

  async createEvent(
    source: CalendarSource,
    _rep: Rep,
    meeting: Meeting,
    options: { video: boolean } = { video: false },
  ): Promise<{ eventId: string; videoUrl: string | null }> {
    if (source.type !== 'microsoft') throw new Error('not a Microsoft calendar');
    const created = Created.parse(
      await this.client.request(
        source.connectionId,
        `${this.baseUrl}/v1.0/users/${encodeURIComponent(source.userPrincipalName)}/events`,
        {
          method: 'POST',
          body: {
            subject: `Meeting with ${meeting.visitor.name}`,
            start: { dateTime: meeting.start.slice(0, 19), timeZone: 'UTC' },
            end: { dateTime: meeting.end.slice(0, 19), timeZone: 'UTC' },
            attendees: [
              { emailAddress: { address: meeting.visitor.email, name: meeting.visitor.name }, type: 'required' },
            ],
            transactionId: meeting.meetingId,
            ...(options.video ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : {}),
          },
        },
      ),
    );
    return { eventId: created.id, videoUrl: created.onlineMeeting?.joinUrl ?? null };
  }

  async deleteEvent(source: CalendarSource, _rep: Rep, eventId: string): Promise<void> {
    if (source.type !== 'microsoft') throw new Error('not a Microsoft calendar');
    await this.client.request(
      source.connectionId,
      `${this.baseUrl}/v1.0/users/${encodeURIComponent(source.userPrincipalName)}/events/${encodeURIComponent(eventId)}`,
      { method: 'DELETE' },
    );
  }
}
