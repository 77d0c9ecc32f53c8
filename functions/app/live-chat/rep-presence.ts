import { derivePresence, type Presence, type PresenceSetting } from '../../core/live-chat/presence.js';
import type { Rep } from '../../core/routing/rep.js';
import type { Interval } from '../../core/scheduling/find-open-slots.js';
import type { Dependencies } from '../dependencies.js';

export type PresenceDependencies = Pick<Dependencies, 'meetings' | 'calendars' | 'logger'>;

const MINUTE = 60_000;

/**
 * The rep's presence now, from the same sources the slot engine reads: Baton's meetings (with their
 * buffers) and the rep's connected calendars. Calendars are read only for a rep who says they are available.
 */
export async function presenceOf(
  deps: PresenceDependencies,
  siteKey: string,
  rep: Rep,
  setting: PresenceSetting | null,
  now: Date,
): Promise<Presence> {
  const quick = derivePresence({ rep, setting, busy: [], now });
  if (!quick.available) return quick;
  const from = now;
  const to = new Date(now.getTime() + MINUTE);
  const meetings = await deps.meetings.listForRep(siteKey, rep.repId, from.toISOString(), to.toISOString());
  const busy: Interval[] = meetings.map((meeting) => ({
    start: Date.parse(meeting.blockedStart),
    end: Date.parse(meeting.blockedEnd),
  }));
  const outOfOffice = [...rep.outOfOffice];
  await Promise.all(
    rep.calendars.map(async (source) => {
      const provider = deps.calendars.get(source.type);
      if (!provider) return;
      const result = await provider.busy(source, rep, from, to).catch((error: unknown) => {
        deps.logger.warn('calendar not read for presence', { repId: rep.repId, error: (error as Error).message });
        return null;
      });
      if (!result) return;
      busy.push(...result.busy);
      outOfOffice.push(
        ...result.outOfOffice.map((interval) => ({
          start: new Date(interval.start).toISOString(),
          end: new Date(interval.end).toISOString(),
        })),
      );
    }),
  );
  return derivePresence({ rep: { ...rep, outOfOffice }, setting, busy, now });
}
