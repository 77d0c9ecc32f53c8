import type { Rep } from '../../core/routing/rep.js';
import type { Meeting } from '../../core/scheduling/meeting.js';
import type { Dependencies } from '../dependencies.js';

type CalendarDependencies = Pick<Dependencies, 'calendars' | 'meetings' | 'logger'>;

/**
 * Puts the meeting into each of the rep's connected calendars and remembers the events created. With
 * `video`, the first calendar that can (Google Meet, Teams) creates the video meeting; its link is returned.
 */
export async function addToRepCalendars(
  deps: CalendarDependencies,
  rep: Rep,
  meeting: Meeting,
  options: { video: boolean } = { video: false },
): Promise<{ videoUrl: string | null }> {
  const events: Meeting['externalEvents'] = [];
  let videoUrl: string | null = null;
  for (const source of rep.calendars) {
    const provider = deps.calendars.get(source.type);
    if (!provider) continue;
    try {
      const created = await provider.createEvent(source, rep, meeting, { video: options.video && videoUrl === null });
      if (created) events.push({ source: source.type, eventId: created.eventId });
      videoUrl ??= created?.videoUrl ?? null;
    } catch (error) {
      // Baton's own calendar already holds the meeting; the rep's calendar catches up by hand.
      deps.logger.warn('calendar event not created', {
        meetingId: meeting.meetingId,
        source: source.type,
        error: (error as Error).message,
      });
    }
  }
  if (events.length)
    await deps.meetings.setExternalEvents(
      meeting.meetingId,
      events,
      videoUrl ? { kind: 'video', value: videoUrl } : undefined,
    );
  return { videoUrl };
}

export async function removeFromRepCalendars(deps: CalendarDependencies, rep: Rep, meeting: Meeting) {
  for (const event of meeting.externalEvents) {
    const source = rep.calendars.find((candidate) => candidate.type === event.source);
    const provider = deps.calendars.get(event.source);
    if (!source || !provider) continue;
    await provider.deleteEvent(source, rep, event.eventId).catch((error: unknown) =>
      deps.logger.warn('calendar event not removed', {
        meetingId: meeting.meetingId,
        error: (error as Error).message,
      }),
    );
  }
}
