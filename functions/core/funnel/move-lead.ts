import { type DomainEvent, domainEvent } from '../events/domain-event.js';
import type { HandoffPolicy } from './handoff-policy.js';
import {
  type Activity,
  type Actor,
  type Lead,
  type LeadStage,
  MAX_ACTIVITIES,
  type Qualification,
  type Rejection,
} from './lead.js';

/** The stages a lead may go to from each stage; anything else is refused. */
export const LEGAL_MOVES: Readonly<Record<LeadStage, readonly LeadStage[]>> = {
  visitor: ['lead', 'mql'],
  lead: ['mql', 'recycled', 'disqualified'],
  mql: ['sal', 'lead', 'recycled', 'disqualified'],
  sal: ['sql', 'lead', 'recycled', 'disqualified'],
  sql: ['opportunity', 'recycled', 'lost'],
  opportunity: ['won', 'lost'],
  won: [],
  lost: ['recycled'],
  recycled: ['lead', 'mql'],
  disqualified: [],
};

/** Stages a lead's owner still works; past these it has been decided. */
const OPEN_STAGES: readonly LeadStage[] = ['mql', 'sal', 'sql', 'opportunity', 'recycled'];
/** Stages in which a route or booking still hands the lead (back) to sales. */
const BEFORE_HANDOFF: readonly LeadStage[] = ['visitor', 'lead', 'recycled'];

export type LeadCommand =
  /** The visitor left contact details. */
  | { type: 'identify' }
  /** The score and every gate say MQL. */
  | { type: 'reach-mql' }
  /** Routing gave the lead to a rep, or (nobody available) to a named queue. */
  | {
      type: 'route';
      repId: string | null;
      queue: string | null;
      ruleId: string | null;
      rulebookVersion: number;
      conversationId: string;
    }
  /** The visitor booked a meeting with a rep: a raised hand, whatever the score. */
  | { type: 'book-meeting'; repId: string }
  | { type: 'accept' }
  | { type: 'reject'; reasonId: string; note: string | null; recontactAt: string | null; drop: boolean }
  | { type: 'move'; to: LeadStage; why: string; qualification: Qualification | null }
  | { type: 'log-activity'; kind: Activity['kind']; attempt: boolean; note: string | null }
  /** The SLA gave the lead to another rep. */
  | { type: 'reassign'; repId: string; why: string };

export type MoveResult =
  | { outcome: 'moved'; lead: Lead; events: DomainEvent[] }
  /** An event that no longer applies (the lead moved on): nothing changes, and that is fine. */
  | { outcome: 'ignored'; lead: Lead; events: [] }
  | { outcome: 'refused'; kind: 'conflict' | 'invalid'; reason: string };

const refuse = (kind: 'conflict' | 'invalid', reason: string): MoveResult => ({ outcome: 'refused', kind, reason });

/**
 * The lead lifecycle as one pure function: (lead, command, who, when) → the new lead and the events
 * describing the change, or a refusal that changes nothing. Every stage move is recorded with who,
 * when and why.
 */
export function moveLead(
  lead: Lead,
  command: LeadCommand,
  by: Actor,
  at: string,
  policy: Pick<HandoffPolicy, 'rejectionReasons'>,
): MoveResult {
  const ignored: MoveResult = { outcome: 'ignored', lead, events: [] };
  switch (command.type) {
    case 'identify':
      return lead.stage === 'visitor' ? change(lead, by, at, { stage: 'lead', why: 'left contact details' }) : ignored;
    case 'reach-mql':
      return BEFORE_HANDOFF.includes(lead.stage)
        ? change(lead, by, at, { stage: 'mql', why: 'score and ICP gates reached MQL', patch: { mqlAt: at } })
        : ignored;
    case 'route': {
      if (!BEFORE_HANDOFF.includes(lead.stage) && !(lead.stage === 'mql' && lead.ownerRepId === null)) return ignored;
      const patch: Partial<Lead> = {
        ownerRepId: command.repId,
        queue: command.repId ? null : command.queue,
        assignedAt: at,
        ruleId: command.ruleId,
        rulebookVersion: command.rulebookVersion,
        conversationId: command.conversationId,
      };
      const why = command.repId ? `routed to ${command.repId}` : `nobody available: queued in ${command.queue}`;
      return lead.stage === 'mql'
        ? change(lead, by, at, { why, patch, assigned: true })
        : change(lead, by, at, { stage: 'mql', why, patch: { ...patch, mqlAt: lead.mqlAt ?? at }, assigned: true });
    }
    case 'book-meeting': {
      if (!BEFORE_HANDOFF.includes(lead.stage) && !(lead.stage === 'mql' && lead.ownerRepId !== command.repId))
        return ignored;
      const patch: Partial<Lead> = { ownerRepId: command.repId, queue: null, assignedAt: at };
      const why = `booked a meeting with ${command.repId}`;
      return lead.stage === 'mql'
        ? change(lead, by, at, { why, patch, assigned: true })
        : change(lead, by, at, { stage: 'mql', why, patch: { ...patch, mqlAt: lead.mqlAt ?? at }, assigned: true });
    }
    case 'accept': {
      if (lead.stage !== 'mql') return refuse('conflict', `Only an MQL can be accepted; this lead is ${lead.stage}.`);
      // A rep accepting from the queue claims the lead.
      const claim = lead.ownerRepId === null && by.kind === 'person' && by.repId !== null;
      return change(lead, by, at, {
        stage: 'sal',
        why: 'accepted',
        patch: claim ? { ownerRepId: by.kind === 'person' ? by.repId : null, queue: null, assignedAt: at } : {},
        accepted: true,
      });
    }
    case 'reject':
      return reject(lead, command, by, at, policy);
    case 'move':
      return move(lead, command, by, at);
    case 'log-activity': {
      if (!OPEN_STAGES.includes(lead.stage))
        return refuse('conflict', `Activity is logged on open leads; this lead is ${lead.stage}.`);
      const activity: Activity = { kind: command.kind, at, by, attempt: command.attempt, note: command.note };
      return change(lead, by, at, {
        why: 'activity',
        patch: {
          activities: [...lead.activities, activity].slice(-MAX_ACTIVITIES),
          attempts: lead.attempts + (command.attempt ? 1 : 0),
          firstTouchAt: lead.firstTouchAt ?? (command.attempt ? at : null),
        },
        activity,
      });
    }
    case 'reassign':
      if (lead.stage !== 'mql' && lead.stage !== 'sal')
        return refuse('conflict', `Only an open MQL or SAL is reassigned; this lead is ${lead.stage}.`);
      if (lead.ownerRepId === command.repId) return ignored;
      return change(lead, by, at, {
        why: command.why,
        patch: { ownerRepId: command.repId, queue: null, assignedAt: at },
        assigned: true,
      });
  }
}

function reject(
  lead: Lead,
  command: Extract<LeadCommand, { type: 'reject' }>,
  by: Actor,
  at: string,
  policy: Pick<HandoffPolicy, 'rejectionReasons'>,
): MoveResult {
  if (lead.stage !== 'mql' && lead.stage !== 'sal')
    return refuse('conflict', `Only an MQL or SAL can be rejected; this lead is ${lead.stage}.`);
  const reason = policy.rejectionReasons.find((candidate) => candidate.id === command.reasonId);
  if (!reason)
    return refuse(
      'invalid',
      `Unknown rejection reason "${command.reasonId}"; the rulebook has: ${policy.rejectionReasons.map((r) => r.id).join(', ')}.`,
    );
  if (reason.requiresNote && !command.note) return refuse('invalid', `The reason "${reason.id}" needs a note.`);
  if (reason.requiresRecontactDate && !command.recontactAt)
    return refuse('invalid', `The reason "${reason.id}" needs a recontact date.`);
  if (command.recontactAt && Date.parse(command.recontactAt) <= Date.parse(at))
    return refuse('invalid', 'The recontact date must be in the future.');

  const action: Rejection['action'] =
    reason.action === 'nurture-or-drop' ? (command.drop ? 'drop' : 'nurture') : reason.action;
  const target: Record<Rejection['action'], { stage: LeadStage; queue: string | null }> = {
    'back-to-marketing': { stage: 'lead', queue: 'marketing' },
    nurture: { stage: 'recycled', queue: 'nurture' },
    drop: { stage: 'disqualified', queue: null },
    'customer-success': { stage: 'disqualified', queue: 'customer-success' },
    exclude: { stage: 'disqualified', queue: null },
  };
  const { stage, queue } = target[action];
  const rejection: Rejection = {
    reasonId: reason.id,
    action,
    note: command.note,
    recontactAt: command.recontactAt,
    by,
    at,
  };
  return change(lead, by, at, {
    stage,
    why: `rejected: ${reason.label}${command.note ? ` (${command.note})` : ''}`,
    patch: {
      rejection,
      ownerRepId: null,
      queue,
      assignedAt: null,
      excludedFromRouting: lead.excludedFromRouting || action === 'exclude',
    },
    rejected: { rejection, repId: lead.ownerRepId },
  });
}

function move(lead: Lead, command: Extract<LeadCommand, { type: 'move' }>, by: Actor, at: string): MoveResult {
  const from = lead.stage;
  if (!LEGAL_MOVES[from].includes(command.to))
    return refuse('conflict', `A lead cannot move from ${from} to ${command.to}.`);
  if (command.to === 'sal') return refuse('conflict', 'An MQL becomes SAL by being accepted (acceptLead).');
  if ((from === 'mql' || from === 'sal') && ['lead', 'recycled', 'disqualified'].includes(command.to))
    return refuse('conflict', `Sales hands back an ${from} by rejecting it with a reason (rejectLead).`);
  if (command.to === 'sql' && !command.qualification)
    return refuse('invalid', 'An SQL needs its qualification: every BANT or every MEDDIC field.');
  return change(lead, by, at, {
    stage: command.to,
    why: command.why,
    patch: {
      ...(command.to === 'sql' ? { qualification: command.qualification } : {}),
      ...(command.to === 'mql' ? { mqlAt: at, rejection: null, queue: null } : {}),
      ...(command.to === 'recycled' ? { queue: 'nurture', ownerRepId: null, assignedAt: null } : {}),
    },
  });
}

interface Change {
  stage?: LeadStage;
  why: string;
  patch?: Partial<Lead>;
  assigned?: boolean;
  accepted?: boolean;
  rejected?: { rejection: Rejection; repId: string | null };
  activity?: Activity;
}

function change(lead: Lead, by: Actor, at: string, c: Change): MoveResult {
  const version = lead.version + 1;
  const moved = c.stage !== undefined && c.stage !== lead.stage;
  const next: Lead = {
    ...lead,
    ...c.patch,
    stage: c.stage ?? lead.stage,
    history: moved ? [...lead.history, { from: lead.stage, to: c.stage!, at, by, why: c.why }] : lead.history,
    updatedAt: at,
    version,
  };
  const id = (type: string) => `lead:${lead.visitorId}:${version}:${type}`;
  const events: DomainEvent[] = [];
  const site = lead.siteKey;
  const visitorId = lead.visitorId;
  if (moved)
    events.push(
      domainEvent('StageChanged', id('stage'), site, at, {
        visitorId,
        from: lead.stage,
        to: next.stage,
        rulebookVersion: next.rulebookVersion ?? 0,
        subject: 'lead',
        why: c.why,
        by: actorLabel(by),
      }),
    );
  if (c.assigned)
    events.push(
      domainEvent('LeadAssigned', id('assigned'), site, at, {
        visitorId,
        repId: next.ownerRepId,
        queue: next.queue,
        why: c.why,
      }),
    );
  if (c.accepted)
    events.push(domainEvent('LeadAccepted', id('accepted'), site, at, { visitorId, repId: next.ownerRepId ?? '' }));
  if (c.rejected)
    events.push(
      domainEvent('LeadRejected', id('rejected'), site, at, {
        visitorId,
        repId: c.rejected.repId ?? '',
        reason: c.rejected.rejection.reasonId,
        action: c.rejected.rejection.action,
        source: lead.source,
      }),
    );
  if (c.activity)
    events.push(
      domainEvent('LeadActivityLogged', id('activity'), site, at, {
        visitorId,
        repId: next.ownerRepId,
        kind: c.activity.kind,
        attempt: c.activity.attempt,
        firstTouch: lead.firstTouchAt === null && next.firstTouchAt !== null,
        mqlAt: next.mqlAt,
      }),
    );
  return { outcome: 'moved', lead: next, events };
}

export const actorLabel = (by: Actor) => (by.kind === 'person' ? `person:${by.userId}` : `event:${by.event}`);
