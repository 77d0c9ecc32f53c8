import { inZone } from '../../core/scheduling/find-open-slots.js';
import type { Meeting } from '../../core/scheduling/meeting.js';

export interface MeetingView {
  meetingId: string;
  repId: string;
  repName: string;
  start: string;
  end: string;
  localStart: string;
  localEnd: string;
  timeZone: string;
  status: Meeting['status'];
}

/** What a visitor or a rep is shown of a meeting: its times also in the visitor's zone. */
export const viewOfMeeting = (meeting: Meeting): MeetingView => {
  const local = inZone({ start: meeting.start, end: meeting.end, repId: meeting.repId }, meeting.visitor.timeZone);
  return {
    meetingId: meeting.meetingId,
    repId: meeting.repId,
    repName: meeting.repName,
    start: meeting.start,
    end: meeting.end,
    localStart: local.localStart,
    localEnd: local.localEnd,
    timeZone: meeting.visitor.timeZone,
    status: meeting.status,
  };
};
