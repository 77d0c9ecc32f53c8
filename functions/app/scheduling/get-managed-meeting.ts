import type { Dependencies } from '../dependencies.js';
import { meetingByManageToken } from './manage-token.js';
import { type MeetingView, viewOfMeeting } from './meeting-view.js';

/** The meeting a manage link opens, canceled ones included (their page offers to book again). */
export async function getManagedMeeting(
  deps: Pick<Dependencies, 'meetings' | 'clock'>,
  meetingId: string,
  token: string,
): Promise<MeetingView> {
  return viewOfMeeting(await meetingByManageToken(deps, meetingId, token, ['booked', 'canceled']));
}
