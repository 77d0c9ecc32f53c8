import type { Dependencies } from '../dependencies.js';
import { meetingByManageToken } from './manage-token.js';
import { type MeetingView, viewOfMeeting } from './meeting-view.js';

/** The company the visitor meets, as its manage page shows it: the site's name, colour and avatar. */
export interface MeetingHost {
  name: string;
  colour: string | null;
  avatarUrl: string | null;
}

/** The meeting a manage link opens, canceled ones included (their page offers to book again), with its host. */
export async function getManagedMeeting(
  deps: Pick<Dependencies, 'meetings' | 'clock' | 'sites'>,
  meetingId: string,
  token: string,
): Promise<MeetingView & { host: MeetingHost }> {
  const meeting = await meetingByManageToken(deps, meetingId, token, ['booked', 'canceled']);
  const site = await deps.sites.get(meeting.siteKey);
  return {
    ...viewOfMeeting(meeting),
    host: {
      name: site?.name ?? meeting.siteKey,
      colour: site?.brandColour ?? null,
      avatarUrl: site?.avatarUrl ?? null,
    },
  };
}
