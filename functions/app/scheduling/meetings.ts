import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Rep } from '../../core/routing/rep.js';
import { inZone, mergePoolTimes, toSlot, type Slot, type SlotTime } from '../../core/scheduling/find-open-slots.js';
import { blockedTimeOf, type Meeting } from '../../core/scheduling/meeting.js';
import { defaultMeetingType, type MeetingType } from '../../core/scheduling/meeting-type.js';
import type { Dependencies } from '../dependencies.js';
import { conflict, DomainError, notFound } from '../errors.js';
import { recordVisitorSignal } from '../record-visitor-signal.js';
import { domainEvent } from '../../core/events/domain-event.js';
import { repSlots } from './rep-slots.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class SlotTakenError extends DomainError {
  constructor(readonly slots: Array<Slot & { localStart: string; localEnd: string }>) {
    super(
      'conflict',
      'Slot no longer available',
      'That time was just taken or is no longer open; pick one of the fresh slots.',
    );
  }
}

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

const view = (meeting: Meeting): MeetingView => {
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

async function meetingTypeOf(deps: Dependencies, siteKey: string): Promise<MeetingType> {
  return (await deps.sites.get(siteKey))?.meetingType ?? defaultMeetingType;
}

/** The reps a conversation may book with, in routing order: the chosen rep, then the pool's other available reps. */
async function routeOf(deps: Dependencies, conversationId: string) {
  const snapshot = await deps.conversations.loadRecent(conversationId, 0);
  if (!snapshot) throw notFound('Unknown conversation', `No conversation has the id "${conversationId}".`);
  const decision = await deps.decisions.get(conversationId);
  if (decision?.outcome.type !== 'rep')
    throw conflict('Not routed to a rep', 'This conversation has no rep to book with.');
  const repIds = [
    decision.outcome.repId,
    ...decision.outcome.choices
      .map((choice) => choice.repId)
      .filter((repId) => repId !== (decision.outcome as { repId: string }).repId),
  ];
  return { conversation: snapshot.conversation, decision, outcome: decision.outcome, repIds };
}

async function slotsOfReps(
  deps: Dependencies,
  siteKey: string,
  repIds: readonly string[],
  meetingType: MeetingType,
  ignoreMeetingId?: string,
) {
  const reps = new Map<string, Rep>();
  const byRep = new Map<string, SlotTime[]>();
  for (const repId of repIds) {
    const rep = await deps.reps.get(siteKey, repId);
    if (!rep?.active) continue;
    reps.set(repId, rep);
    byRep.set(repId, (await repSlots(deps, siteKey, rep, meetingType, deps.clock(), ignoreMeetingId)).slots);
  }
  return { reps, slots: mergePoolTimes(byRep, repIds) };
}

export async function listConversationSlots(deps: Dependencies, conversationId: string, timeZone: string) {
  const { conversation, outcome, repIds } = await routeOf(deps, conversationId);
  const meetingType = await meetingTypeOf(deps, conversation.siteKey);
  // With visitor picks, the slots of every offered rep; otherwise the routed rep's.
  const offered = outcome.choices.length > 0 ? repIds : [outcome.repId];
  const { reps, slots } = await slotsOfReps(deps, conversation.siteKey, offered, meetingType);
  return {
    timeZone,
    meetingType: { id: meetingType.id, name: meetingType.name, durationMinutes: meetingType.durationMinutes },
    reps: [...reps.values()].map((rep) => ({
      repId: rep.repId,
      name: rep.name,
      title: rep.title ?? null,
      photoUrl: rep.photoUrl ?? null,
    })),
    slots: slots.map((slot) => inZone(slot, timeZone)),
  };
}

/** Open times of one rep, or of a pool's reps in its member order, for the console and for links outside the chat. */
export async function listTeamSlots(
  deps: Dependencies,
  siteKey: string,
  target: { repId: string } | { poolId: string },
  timeZone: string,
) {
  const meetingType = await meetingTypeOf(deps, siteKey);
  let repIds: string[];
  if ('repId' in target) repIds = [target.repId];
  else {
    const pool = (await deps.rulebooks.getLive(siteKey))?.pools.find((candidate) => candidate.id === target.poolId);
    if (!pool) throw notFound('Unknown pool', `The live rulebook has no pool "${target.poolId}".`);
    repIds = pool.members.map((member) => member.repId);
  }
  const { reps, slots } = await slotsOfReps(deps, siteKey, repIds, meetingType);
  if (reps.size === 0) throw notFound('Unknown rep', 'No active rep matches.');
  return {
    timeZone,
    meetingType: { id: meetingType.id, name: meetingType.name, durationMinutes: meetingType.durationMinutes },
    reps: [...reps.values()].map((rep) => ({
      repId: rep.repId,
      name: rep.name,
      title: rep.title ?? null,
      photoUrl: rep.photoUrl ?? null,
    })),
    slots: slots.map((slot) => inZone(slot, timeZone)),
  };
}

export interface BookInput {
  conversationId: string;
  start: string;
  repId?: string | undefined;
  visitor: { name: string; email: string; timeZone: string };
}

/**
 * Books a slot: the same slot computation as the listing re-checks the time, then one lock item per
 * grid cell the meeting blocks is taken with a conditional write, so of many concurrent bookings of
 * one slot exactly one wins; the others get 409 with fresh slots.
 */
export async function bookMeeting(
  deps: Dependencies,
  input: BookInput,
): Promise<{ meeting: MeetingView; manageUrl: string }> {
  const { conversation, outcome, repIds } = await routeOf(deps, input.conversationId);
  const siteKey = conversation.siteKey;
  const meetingType = await meetingTypeOf(deps, siteKey);
  const allowed = outcome.choices.length > 0 ? repIds : [outcome.repId];
  const repId = input.repId ?? outcome.repId;
  if (!allowed.includes(repId)) throw conflict('Not your rep', `This conversation cannot book with "${repId}".`);
  const start = new Date(input.start).toISOString();

  const fresh = async () =>
    (await slotsOfReps(deps, siteKey, allowed, meetingType)).slots.map((slot) => inZone(slot, input.visitor.timeZone));
  const rep = await deps.reps.get(siteKey, repId);
  if (!rep) throw notFound('Unknown rep', `No rep "${repId}".`);
  const { slots } = await repSlots(deps, siteKey, rep, meetingType);
  const time = slots.find((candidate) => candidate.start === Date.parse(start));
  if (!time) throw new SlotTakenError(await fresh());
  const slot = toSlot(time);

  const now = deps.clock();
  const meetingId = deps.newId();
  const { blockedStart, blockedEnd, cells, lockExpiresAt } = blockedTimeOf(slot, meetingType);
  if (!(await deps.meetings.acquireLocks(siteKey, repId, cells, meetingId, lockExpiresAt)))
    throw new SlotTakenError(await fresh());

  const token = randomBytes(32).toString('base64url');
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
    manageTokenHash: hashToken(token),
    manageTokenExpiresAt: slot.end,
    poolId: outcome.poolId,
    lockCells: cells,
    externalEvents: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    canceledReason: null,
  };
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
  await syncCalendars(deps, rep, meeting, []);
  const manageUrl = `${deps.publicUrl}/manage/${meetingId}?token=${token}`;
  await mailInvitation(deps, meeting, 'REQUEST', `Your meeting with ${rep.name}`, manageUrl);
  if (conversation.visitorId) {
    await recordVisitorSignal(deps, {
      siteKey,
      visitorId: conversation.visitorId,
      signal: { type: 'content', behaviour: 'demo-request' },
    }).catch((error: unknown) =>
      deps.logger.warn('booking not scored', { meetingId, error: (error as Error).message }),
    );
  }
  return { meeting: view(meeting), manageUrl };
}

async function byToken(deps: Dependencies, meetingId: string, token: string): Promise<Meeting> {
  const meeting = await deps.meetings.get(meetingId);
  const given = Buffer.from(hashToken(token));
  // The same refusal for an unknown meeting and a wrong token: a link either works or it does not.
  if (!meeting || !timingSafeEqual(given, Buffer.from(meeting.manageTokenHash)))
    throw new DomainError('forbidden', 'Invalid link', 'This manage link is not valid.');
  if (deps.clock().toISOString() >= meeting.manageTokenExpiresAt)
    throw new DomainError('forbidden', 'Link expired', 'This manage link has expired.');
  if (meeting.status !== 'booked') throw conflict('Meeting canceled', 'This meeting was canceled.');
  return meeting;
}

export async function getManagedMeeting(deps: Dependencies, meetingId: string, token: string): Promise<MeetingView> {
  return view(await byToken(deps, meetingId, token));
}

/** The times a meeting can move to, read with its manage token: the rep's own, or the pool's when the rep has none. */
export async function listMeetingSlots(deps: Dependencies, meetingId: string, token: string, timeZone: string) {
  const meeting = await byToken(deps, meetingId, token);
  const meetingType = await meetingTypeOf(deps, meeting.siteKey);
  let result = await slotsOfReps(deps, meeting.siteKey, [meeting.repId], meetingType, meeting.meetingId);
  if (result.slots.length === 0 && meeting.poolId) {
    const pool = (await deps.rulebooks.getLive(meeting.siteKey))?.pools.find(
      (candidate) => candidate.id === meeting.poolId,
    );
    if (pool)
      result = await slotsOfReps(
        deps,
        meeting.siteKey,
        pool.members.map((member) => member.repId),
        meetingType,
        meeting.meetingId,
      );
  }
  return { timeZone, slots: result.slots.map((slot) => inZone(slot, timeZone)) };
}

/** Moves the meeting; the same rep keeps it unless they have no open time in the window, then the pool's next rep. */
export async function rescheduleMeeting(
  deps: Dependencies,
  input: { meetingId: string; token: string; start: string },
): Promise<{ meeting: MeetingView }> {
  const meeting = await byToken(deps, input.meetingId, input.token);
  const meetingType = await meetingTypeOf(deps, meeting.siteKey);
  const start = new Date(input.start).toISOString();
  let candidates = [meeting.repId];
  const own = await slotsOfReps(deps, meeting.siteKey, candidates, meetingType, meeting.meetingId);
  if (own.slots.length === 0 && meeting.poolId) {
    const pool = (await deps.rulebooks.getLive(meeting.siteKey))?.pools.find(
      (candidate) => candidate.id === meeting.poolId,
    );
    candidates = pool?.members.map((member) => member.repId) ?? candidates;
  }
  const { reps, slots } =
    candidates.length === 1
      ? own
      : await slotsOfReps(deps, meeting.siteKey, candidates, meetingType, meeting.meetingId);
  const slot = slots.find((candidate) => candidate.start === start);
  if (!slot) throw new SlotTakenError(slots.map((candidate) => inZone(candidate, meeting.visitor.timeZone)));
  const rep = reps.get(slot.repId)!;

  const { blockedStart, blockedEnd, cells, lockExpiresAt } = blockedTimeOf(slot, meetingType);
  const sameRep = rep.repId === meeting.repId;
  const newCells = sameRep ? cells.filter((cell) => !meeting.lockCells.includes(cell)) : cells;
  if (!(await deps.meetings.acquireLocks(meeting.siteKey, rep.repId, newCells, meeting.meetingId, lockExpiresAt))) {
    throw new SlotTakenError(
      slots
        .filter((candidate) => candidate.start !== start)
        .map((candidate) => inZone(candidate, meeting.visitor.timeZone)),
    );
  }
  const moved: Meeting = {
    ...meeting,
    repId: rep.repId,
    repName: rep.name,
    repEmail: rep.email,
    start: slot.start,
    end: slot.end,
    blockedStart,
    blockedEnd,
    sequence: meeting.sequence + 1,
    manageTokenExpiresAt: slot.end,
    lockCells: cells,
    updatedAt: deps.clock().toISOString(),
  };
  const movedEvent = domainEvent(
    'MeetingRescheduled',
    `meeting-rescheduled:${moved.meetingId}:${moved.sequence}`,
    moved.siteKey,
    moved.updatedAt,
    {
      meetingId: moved.meetingId,
      repId: moved.repId,
      start: moved.start,
      end: moved.end,
      sequence: moved.sequence,
    },
  );
  if (!(await deps.meetings.update(moved, [movedEvent]))) {
    await deps.meetings.releaseLocks(meeting.siteKey, rep.repId, newCells, meeting.meetingId);
    throw conflict('Meeting changed', 'The meeting changed meanwhile; reload it.');
  }
  await deps.meetings.releaseLocks(
    meeting.siteKey,
    meeting.repId,
    sameRep ? meeting.lockCells.filter((cell) => !cells.includes(cell)) : meeting.lockCells,
    meeting.meetingId,
  );
  const oldRep = (await deps.reps.get(meeting.siteKey, meeting.repId)) ?? rep;
  await removeExternalEvents(deps, oldRep, meeting);
  await syncCalendars(deps, rep, moved, []);
  await mailInvitation(deps, moved, 'REQUEST', `Updated: your meeting with ${rep.name}`, null);
  return { meeting: view(moved) };
}

export async function cancelMeeting(
  deps: Dependencies,
  input: { meetingId: string; token: string; reason?: string | undefined },
): Promise<{ meeting: MeetingView }> {
  const meeting = await byToken(deps, input.meetingId, input.token);
  const canceled: Meeting = {
    ...meeting,
    status: 'canceled',
    sequence: meeting.sequence + 1,
    canceledReason: input.reason ?? null,
    updatedAt: deps.clock().toISOString(),
  };
  const canceledEvent = domainEvent(
    'MeetingCanceled',
    `meeting-canceled:${meeting.meetingId}`,
    meeting.siteKey,
    canceled.updatedAt,
    { meetingId: meeting.meetingId, repId: meeting.repId, reason: canceled.canceledReason },
  );
  if (!(await deps.meetings.update(canceled, [canceledEvent])))
    throw conflict('Meeting changed', 'The meeting changed meanwhile; reload it.');
  await deps.meetings.releaseLocks(meeting.siteKey, meeting.repId, meeting.lockCells, meeting.meetingId);
  const rep = await deps.reps.get(meeting.siteKey, meeting.repId);
  if (rep) await removeExternalEvents(deps, rep, meeting);
  // A canceled meeting gives the rep's round-robin turn and the day's assignment back.
  if (meeting.poolId) await deps.routingState.creditTurn(meeting.siteKey, meeting.poolId, meeting.repId);
  const day = DateTime.fromISO(meeting.createdAt, { zone: rep?.timeZone ?? 'UTC' }).toISODate()!;
  await deps.routingState.releaseAssignment(meeting.siteKey, meeting.repId, day);
  await mailInvitation(deps, canceled, 'CANCEL', `Canceled: your meeting with ${meeting.repName}`, null);
  return { meeting: view(canceled) };
}

/** The rep marks that the visitor did not come: the rep gets the round-robin turn back, as for a cancellation. */
export async function markNoShow(
  deps: Dependencies,
  input: { meetingId: string; repId: string; isManager: boolean },
): Promise<{ meeting: MeetingView }> {
  const meeting = await deps.meetings.get(input.meetingId);
  if (!meeting) throw notFound('Unknown meeting', `No meeting has the id "${input.meetingId}".`);
  if (!input.isManager && meeting.repId !== input.repId)
    throw new DomainError('forbidden', 'Not your meeting', 'Only the rep of the meeting or sales can mark a no-show.');
  if (meeting.status !== 'booked') throw conflict('Not booked', `The meeting is ${meeting.status}.`);
  if (deps.clock().toISOString() < meeting.start)
    throw conflict('Not started', 'A meeting can be marked as a no-show once it has started.');
  const marked: Meeting = {
    ...meeting,
    status: 'no-show',
    sequence: meeting.sequence + 1,
    updatedAt: deps.clock().toISOString(),
  };
  if (!(await deps.meetings.update(marked)))
    throw conflict('Meeting changed', 'The meeting changed meanwhile; reload it.');
  if (meeting.poolId) await deps.routingState.creditTurn(meeting.siteKey, meeting.poolId, meeting.repId);
  return { meeting: view(marked) };
}

async function syncCalendars(deps: Dependencies, rep: Rep, meeting: Meeting, existing: Meeting['externalEvents']) {
  const events = [...existing];
  for (const source of rep.calendars) {
    const provider = deps.calendars.get(source.type);
    if (!provider) continue;
    try {
      const created = await provider.createEvent(source, rep, meeting);
      if (created) events.push({ source: source.type, eventId: created.eventId });
    } catch (error) {
      // Baton's own calendar already holds the meeting; the rep's calendar catches up by hand.
      deps.logger.warn('calendar event not created', {
        meetingId: meeting.meetingId,
        source: source.type,
        error: (error as Error).message,
      });
    }
  }
  if (events.length) await deps.meetings.setExternalEvents(meeting.meetingId, events);
}

async function removeExternalEvents(deps: Dependencies, rep: Rep, meeting: Meeting) {
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

async function mailInvitation(
  deps: Dependencies,
  meeting: Meeting,
  method: 'REQUEST' | 'CANCEL',
  subject: string,
  manageUrl: string | null,
) {
  const local = view(meeting);
  const when = DateTime.fromISO(local.localStart, { setZone: true }).toFormat("cccc d LLLL yyyy, HH:mm '('ZZZZ')'");
  const text = [
    method === 'CANCEL'
      ? `The meeting on ${when} with ${meeting.repName} is canceled.`
      : `Meeting with ${meeting.repName} on ${when}, ${DateTime.fromISO(meeting.end).diff(DateTime.fromISO(meeting.start), 'minutes').minutes} minutes.`,
    ...(manageUrl ? ['', `Reschedule or cancel: ${manageUrl}`] : []),
  ].join('\n');
  await deps.mailer.send({
    from: deps.mailFrom,
    to: [meeting.visitor.email, meeting.repEmail],
    subject,
    text,
    calendar: {
      method,
      content: await deps.invitations.render(meeting, method, { name: meeting.repName, email: meeting.repEmail }),
    },
  });
}
