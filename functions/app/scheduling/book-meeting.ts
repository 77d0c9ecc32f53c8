import { domainEvent } from '../../core/events/domain-event.js';
import { repDayOf, toSlot } from '../../core/scheduling/find-open-slots.js';
import { blockedTimeOf, daySeatPrefix, type Meeting } from '../../core/scheduling/meeting.js';
import type { Dependencies } from '../dependencies.js';
import { conflict, notFound } from '../errors.js';
import { recordVisitorSignal } from '../record-visitor-signal.js';
import { conversationRoute } from './conversation-route.js';
import { mailMeetingChange, manageUrlOf } from './mail-invitation.js';
import { resolveLocation } from '../../core/scheduling/meeting-location.js';
import { defaultMeetingType } from '../../core/scheduling/default-meeting-type.js';
import type { LeadContext } from '../../core/scheduling/compose-meeting-mails.js';
import type { RoutingDecision } from '../../core/routing/routing-decision.js';
import type { Turn } from '../../core/conversation/conversation.js';
import { hashManageToken, newManageToken } from './manage-token.js';
import { type MeetingView, viewOfMeeting } from './meeting-view.js';
import { scheduleReminders } from './meeting-reminders.js';
import { addToRepCalendars } from './rep-calendar-events.js';
import { repSlots } from './rep-slots.js';
import { SlotTakenError } from './slot-taken-error.js';
import { freshSlots } from './fresh-slots.js';
import { createHash } from 'node:crypto';
import { bookingCountersOf } from '../../core/limits/abuse-limits.js';
import { takeLimits } from '../limits/take-limits.js';

/**
 * One conversation holds at most one active meeting: a second booking is refused with 409 naming the
 * first, so one chat cannot take a rep's week or mail any number of addresses. A canceled, no-show or
 * past meeting frees the conversation for a new booking.
 */
export async function claimConversation(
  deps: Pick<Dependencies, 'meetings'>,
  conversationId: string,
  meetingId: string,
  now: Date,
): Promise<void> {
  const held = await deps.meetings.conversationMeeting(conversationId);
  const holder = held ? await deps.meetings.get(held) : null;
  const active = holder !== null && holder.status === 'booked' && Date.parse(holder.end) > now.getTime();
  if (active || !(await deps.meetings.claimConversation(conversationId, meetingId, held)))
    throw conflict(
      'Already booked',
      `This conversation already has meeting ${held ?? 'being booked'}; move or cancel it with its manage link.`,
    );
}

export interface BookInput {
  conversationId: string;
  start: string;
  repId?: string | undefined;
  visitor: { name: string; email: string; timeZone: string };
  /** The client's address as the rate limits count it (`clientSubjectOf`), for the bookings-per-address cap. */
  ip?: string | undefined;
  /** The booking form's hidden field people never see: filled, the request is a bot's. */
  honeypot?: string | undefined;
}

const emailHashOf = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/**
 * Books a slot: the same slot computation as the listing re-checks the time, then one lock item per
 * grid cell the meeting blocks is taken with a conditional write, so of many concurrent bookings of
 * one slot exactly one wins; the others get 409 with fresh slots.
 */
export async function bookMeeting(
  deps: Dependencies,
  input: BookInput,
): Promise<{ meeting: MeetingView; manageUrl: string }> {
  const { conversation, decision, outcome, bookable, latestTurn } = await conversationRoute(deps, input.conversationId);
  const siteKey = conversation.siteKey;
  const site = await deps.sites.get(siteKey);
  const meetingType = site?.meetingType ?? defaultMeetingType;
  const repId = input.repId ?? outcome.repId;
  if (!bookable.includes(repId)) throw conflict('Not your rep', `This conversation cannot book with "${repId}".`);
  const start = new Date(input.start).toISOString();

  const fresh = () => freshSlots(deps, siteKey, bookable, meetingType, input.visitor.timeZone);
  // The day's caps per email and per address are taken beside the rep's read (no extra round trip), and
  // given back when the booking does not happen: only meetings booked count.
  // A filled honeypot gets the answer a booking gets, and nothing is claimed, stored, counted or mailed.
  const decoy = Boolean(input.honeypot);
  const caps = decoy
    ? []
    : bookingCountersOf(
        deps.limits,
        { siteKey, emailHash: emailHashOf(input.visitor.email), ip: input.ip ?? 'unknown' },
        deps.clock(),
      );
  const [found] = await Promise.all([
    deps.reps.get(siteKey, repId),
    takeLimits(deps, deps.clock(), caps, {
      title: 'Too many bookings',
      detail: 'This email address or this client booked as many meetings today (UTC) as allowed; try again tomorrow.',
    }),
  ]);
  const { rep, slot, now, meetingId, blockedStart, blockedEnd, cells } = await (async () => {
    const rep = found;
    if (!rep) throw notFound('Unknown rep', `No rep "${repId}".`);
    const { starts } = await repSlots(deps, siteKey, rep, meetingType);
    const time = Date.parse(start);
    if (!starts.includes(time)) throw new SlotTakenError(await fresh());
    const slot = toSlot(time, meetingType.durationMinutes, rep.repId);

    const now = deps.clock();
    const meetingId = deps.newId();
    const blocked = blockedTimeOf(slot, meetingType);
    if (decoy) return { rep, slot, now, meetingId, ...blocked };
    await claimConversation(deps, conversation.id, meetingId, now);
    if (!(await deps.meetings.acquireLocks(siteKey, repId, blocked.cells, meetingId, blocked.lockExpiresAt))) {
      await deps.meetings.releaseConversation(conversation.id, meetingId);
      throw new SlotTakenError(await fresh());
    }
    // The slot listing leaves out a full day, but bookings of other times of that day made at once all
    // pass it: one of the day's places, taken atomically, holds the rep to the meeting type's maximum.
    const seat = await deps.meetings.takeDaySeat(
      siteKey,
      repId,
      daySeatPrefix(repDayOf(time, rep.timeZone)),
      meetingType.maxPerDay,
      meetingId,
      blocked.lockExpiresAt,
    );
    if (!seat) {
      await deps.meetings.releaseLocks(siteKey, repId, blocked.cells, meetingId);
      await deps.meetings.releaseConversation(conversation.id, meetingId);
      throw new SlotTakenError(await fresh());
    }
    return { rep, slot, now, meetingId, ...blocked, cells: [...blocked.cells, seat] };
  })().catch(async (error: unknown) => {
    await deps.limitCounters.giveBack(caps);
    throw error;
  });

  const token = newManageToken();
  const meeting: Meeting = {
    meetingId,
    siteKey,
    repId,
    repName: rep.name,
    repEmail: rep.email,
    conversationId: conversation.id,
    visitorId: conversation.visitorId,
    visitor: input.visitor,
    meetingTypeId: meetingType.id,
    start: slot.start,
    end: slot.end,
    blockedStart,
    blockedEnd,
    status: 'booked',
    uid: `${meetingId}@baton`,
    sequence: 0,
    manageTokenHash: hashManageToken(token),
    manageTokenExpiresAt: slot.end,
    poolId: outcome.poolId,
    lockCells: cells,
    externalEvents: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    canceledReason: null,
    language: conversation.language,
    location: resolveLocation(rep.location ?? meetingType.location, null),
  };
  if (decoy) return { meeting: viewOfMeeting(meeting), manageUrl: manageUrlOf(deps.publicUrl, meetingId, token) };
  await deps.meetings.put(meeting, [
    domainEvent('MeetingBooked', `meeting-booked:${meetingId}`, siteKey, meeting.createdAt, {
      meetingId,
      conversationId: meeting.conversationId,
      visitorId: meeting.visitorId,
      repId,
      start: meeting.start,
      end: meeting.end,
      visitorEmail: meeting.visitor.email,
      visitorName: meeting.visitor.name,
    }),
  ]);
  await scheduleReminders(deps, meeting);
  const configured = rep.location ?? meetingType.location;
  const { videoUrl } = await addToRepCalendars(deps, rep, meeting, { video: configured?.type === 'calendar-video' });
  const booked = videoUrl ? { ...meeting, location: resolveLocation(configured, videoUrl) } : meeting;
  const manageUrl = manageUrlOf(deps.publicUrl, meetingId, token);
  await mailMeetingChange(deps, booked, 'booked', {
    company: site?.name ?? siteKey,
    accent: site?.brandColour,
    repTimeZone: rep.timeZone,
    manageUrl,
    lead: leadContextOf(decision, latestTurn, input.visitor.email),
  });
  if (conversation.visitorId) {
    await recordVisitorSignal(deps, {
      siteKey,
      visitorId: conversation.visitorId,
      signal: { type: 'content', behaviour: 'demo-request' },
      contact: { name: input.visitor.name, email: input.visitor.email },
      conversationId: conversation.id,
    }).catch((error: unknown) =>
      deps.logger.warn('booking not scored', { meetingId, error: (error as Error).message }),
    );
  }
  return { meeting: viewOfMeeting(meeting), manageUrl };
}

const ANSWER_LABELS: Record<string, string> = {
  need: 'Need',
  companySize: 'Company size',
  jobLevel: 'Role',
  jobTitle: 'Job title',
  timeline: 'Timeline',
  budget: 'Budget',
  company: 'Company',
  intent: 'Asked for',
};

/** What the rep should know before the call, from the routing decision and the chat's answers (the email is the lead's own). */
function leadContextOf(decision: RoutingDecision, latestTurn: Turn | undefined, email: string): LeadContext {
  const answers = latestTurn?.state.answers ?? {};
  const outcome = decision.outcome;
  const because = [
    decision.matchedRuleId ? `rule "${decision.matchedRuleId}"` : null,
    outcome.type === 'rep' && outcome.accountOwner ? 'you own the account' : null,
    outcome.type === 'rep' && outcome.viaFallback ? 'fallback: the first choice was not available' : null,
  ].filter((part): part is string => part !== null);
  return {
    company: answers.company ?? email.split('@')[1] ?? null,
    jobTitle: answers.jobTitle ?? null,
    score: typeof decision.facts.score === 'number' ? decision.facts.score : null,
    stage: typeof decision.facts.stage === 'string' ? decision.facts.stage : null,
    answers: Object.entries(answers)
      .filter(([key]) => key !== 'email')
      .map(([key, value]) => ({ key: ANSWER_LABELS[key] ?? key, value })),
    routedBecause: because.length ? because.join('; ') : null,
  };
}
