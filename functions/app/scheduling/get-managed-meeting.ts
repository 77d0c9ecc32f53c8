import type { Dependencies } from '../dependencies.js';
import { meetingByManageToken } from './manage-token.js';
import { type MeetingView, viewOfMeeting } from './meeting-view.js';

/** The meeting a manage link opens. */
export async function getManagedMeeting(
  deps: Pick<Dependencies, 'meetings' | 'clock'>,
  meetingId: string,
  token: string,
): Promise<MeetingView> {
  return viewOfMeeting(await meetingByManageToken(deps, meetingId, token));
}
