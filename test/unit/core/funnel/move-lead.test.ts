import { describe, expect, it } from 'vitest';
import { defaultHandoffPolicy } from '../../../../functions/core/funnel/handoff-policy.js';
import { type Actor, type LeadStage, LeadStage as Stages } from '../../../../functions/core/funnel/lead.js';
import { LEGAL_MOVES, type LeadCommand, moveLead } from '../../../../functions/core/funnel/move-lead.js';
import { aLead, anAssignedMql } from '../../../fixtures/leads.js';

const ana: Actor = { kind: 'person', userId: 'user-ana', repId: 'rep-ana' };
const at = '2026-11-21T10:00:00.000Z';
const bant = { framework: 'BANT', budget: '50k', authority: 'VP', need: 'routing', timeline: 'Q1' } as const;

/** The command that makes each legal move. */
const commandFor = (from: LeadStage, to: LeadStage): LeadCommand => {
  if (to === 'sal') return { type: 'accept' };
  if ((from === 'mql' || from === 'sal') && to === 'lead')
    return { type: 'reject', reasonId: 'wrong-data', note: 'bounced email', recontactAt: null, drop: false };
  if ((from === 'mql' || from === 'sal') && to === 'recycled')
    return { type: 'reject', reasonId: 'bad-timing', note: null, recontactAt: '2027-03-01T09:00:00.000Z', drop: false };
  if ((from === 'mql' || from === 'sal') && to === 'disqualified')
    return { type: 'reject', reasonId: 'competitor', note: null, recontactAt: null, drop: false };
  if (from === 'visitor' && to === 'lead') return { type: 'identify' };
  if (to === 'mql' && from !== 'recycled') return { type: 'reach-mql' };
  return { type: 'move', to, why: 'worked it', qualification: to === 'sql' ? bant : null };
};

describe('moving a lead through the funnel', () => {
  const legal = Stages.options.flatMap((from) => LEGAL_MOVES[from].map((to) => [from, to] as const));

  it.each(legal)('moves %s → %s and records who, when and why', (from, to) => {
    const lead = aLead({ stage: from, ownerRepId: 'rep-ana', assignedAt: '2026-11-20T09:00:00.000Z', version: 3 });

    const result = moveLead(lead, commandFor(from, to), ana, at, defaultHandoffPolicy);

    expect(result.outcome).toBe('moved');
    if (result.outcome !== 'moved') return;
    expect(result.lead.stage).toBe(to);
    expect(result.lead.version).toBe(4);
    expect(result.lead.history.at(-1)).toEqual(expect.objectContaining({ from, to, at, by: ana }));
    expect(result.events.find((event) => event.detailType === 'StageChanged')?.detail).toEqual(
      expect.objectContaining({ from, to, subject: 'lead', by: 'person:user-ana' }),
    );
  });

  const illegal = Stages.options.flatMap((from) =>
    Stages.options.filter((to) => to !== from && !LEGAL_MOVES[from].includes(to)).map((to) => [from, to] as const),
  );

  it.each(illegal)('refuses %s → %s as a conflict', (from, to) => {
    const lead = aLead({ stage: from });

    const result = moveLead(lead, { type: 'move', to, why: 'try', qualification: null }, ana, at, defaultHandoffPolicy);

    expect(result).toEqual(expect.objectContaining({ outcome: 'refused', kind: 'conflict' }));
  });

  it('refuses to accept anything but an MQL', () => {
    for (const stage of Stages.options.filter((s) => s !== 'mql'))
      expect(moveLead(aLead({ stage }), { type: 'accept' }, ana, at, defaultHandoffPolicy).outcome).toBe('refused');
  });

  it('makes an MQL an SAL only through acceptance, and a rejection only with a reason', () => {
    const mql = anAssignedMql();
    expect(
      moveLead(mql, { type: 'move', to: 'sal', why: 'x', qualification: null }, ana, at, defaultHandoffPolicy),
    ).toEqual(expect.objectContaining({ outcome: 'refused', kind: 'conflict' }));
    expect(
      moveLead(mql, { type: 'move', to: 'recycled', why: 'x', qualification: null }, ana, at, defaultHandoffPolicy),
    ).toEqual(expect.objectContaining({ outcome: 'refused', kind: 'conflict' }));
  });

  it('needs the qualification to make an SQL', () => {
    const sal = aLead({ stage: 'sal' });
    const result = moveLead(
      sal,
      { type: 'move', to: 'sql', why: 'x', qualification: null },
      ana,
      at,
      defaultHandoffPolicy,
    );
    expect(result).toEqual(expect.objectContaining({ outcome: 'refused', kind: 'invalid' }));
    const qualified = moveLead(
      sal,
      { type: 'move', to: 'sql', why: 'x', qualification: bant },
      ana,
      at,
      defaultHandoffPolicy,
    );
    expect(qualified.outcome === 'moved' && qualified.lead.qualification).toEqual(bant);
  });

  it('lets a rep accepting a queued lead claim it', () => {
    const queued = anAssignedMql('rep-ana', '2026-11-20T09:00:00.000Z', { ownerRepId: null, queue: 'sales-queue' });
    const result = moveLead(queued, { type: 'accept' }, ana, at, defaultHandoffPolicy);
    expect(result.outcome === 'moved' && [result.lead.ownerRepId, result.lead.queue, result.lead.assignedAt]).toEqual([
      'rep-ana',
      null,
      at,
    ]);
    expect(result.outcome === 'moved' && result.events.map((event) => event.detailType)).toEqual([
      'StageChanged',
      'LeadAccepted',
    ]);
  });
});

describe('rejecting a lead with a reason', () => {
  const reject = (reasonId: string, extra: Partial<Extract<LeadCommand, { type: 'reject' }>> = {}) =>
    moveLead(
      anAssignedMql(),
      { type: 'reject', reasonId, note: null, recontactAt: null, drop: false, ...extra },
      ana,
      at,
      defaultHandoffPolicy,
    );
  const landing = (result: ReturnType<typeof reject>) =>
    result.outcome === 'moved'
      ? {
          stage: result.lead.stage,
          queue: result.lead.queue,
          owner: result.lead.ownerRepId,
          excluded: result.lead.excludedFromRouting,
        }
      : result;

  it('sends wrong data back to marketing with the note, and needs the note', () => {
    expect(reject('wrong-data')).toEqual(expect.objectContaining({ outcome: 'refused', kind: 'invalid' }));
    const result = reject('wrong-data', { note: 'phone is fake' });
    expect(landing(result)).toEqual({ stage: 'lead', queue: 'marketing', owner: null, excluded: false });
    expect(result.outcome === 'moved' && result.lead.rejection?.note).toBe('phone is fake');
  });

  it('nurtures or drops a lead outside the ICP', () => {
    expect(landing(reject('not-icp'))).toEqual({ stage: 'recycled', queue: 'nurture', owner: null, excluded: false });
    expect(landing(reject('not-icp', { drop: true }))).toEqual({
      stage: 'disqualified',
      queue: null,
      owner: null,
      excluded: false,
    });
  });

  it('nurtures bad timing until a recontact date in the future', () => {
    expect(reject('bad-timing').outcome).toBe('refused');
    expect(reject('bad-timing', { recontactAt: at }).outcome).toBe('refused');
    const result = reject('bad-timing', { recontactAt: '2026-11-21T10:00:01.000Z' });
    expect(landing(result)).toEqual({ stage: 'recycled', queue: 'nurture', owner: null, excluded: false });
    expect(result.outcome === 'moved' && result.lead.rejection?.recontactAt).toBe('2026-11-21T10:00:01.000Z');
  });

  it('hands a customer to customer success and excludes a competitor from routing', () => {
    expect(landing(reject('already-customer'))).toEqual({
      stage: 'disqualified',
      queue: 'customer-success',
      owner: null,
      excluded: false,
    });
    expect(landing(reject('competitor'))).toEqual({ stage: 'disqualified', queue: null, owner: null, excluded: true });
  });

  it('refuses a reason the rulebook does not have', () => {
    expect(reject('too-small')).toEqual(expect.objectContaining({ outcome: 'refused', kind: 'invalid' }));
  });

  it('emits LeadRejected with the reason, the rep and the source', () => {
    const result = reject('competitor');
    expect(result.outcome === 'moved' && result.events.find((e) => e.detailType === 'LeadRejected')?.detail).toEqual({
      visitorId: anAssignedMql().visitorId,
      repId: 'rep-ana',
      reason: 'competitor',
      action: 'exclude',
      source: 'google',
    });
  });
});

describe('events that move a lead', () => {
  const system: Actor = { kind: 'event', event: 'VisitorRouted' };

  it('makes a routed lead an MQL owned by the rep, or queued when nobody was available', () => {
    const route = (repId: string | null) =>
      moveLead(
        aLead({ stage: 'lead' }),
        { type: 'route', repId, queue: 'sales-queue', ruleId: 'mql', rulebookVersion: 2, conversationId: 'c1' },
        system,
        at,
        defaultHandoffPolicy,
      );
    const routed = route('rep-ben');
    const queued = route(null);
    expect(routed.outcome === 'moved' && [routed.lead.stage, routed.lead.ownerRepId, routed.lead.queue]).toEqual([
      'mql',
      'rep-ben',
      null,
    ]);
    expect(queued.outcome === 'moved' && [queued.lead.stage, queued.lead.ownerRepId, queued.lead.queue]).toEqual([
      'mql',
      null,
      'sales-queue',
    ]);
  });

  it('ignores a late event for a lead that moved on', () => {
    const sal = aLead({ stage: 'sal', ownerRepId: 'rep-ana' });
    expect(moveLead(sal, { type: 'reach-mql' }, system, at, defaultHandoffPolicy).outcome).toBe('ignored');
    expect(moveLead(sal, { type: 'identify' }, system, at, defaultHandoffPolicy).outcome).toBe('ignored');
    expect(moveLead(sal, { type: 'book-meeting', repId: 'rep-ben' }, system, at, defaultHandoffPolicy).outcome).toBe(
      'ignored',
    );
  });

  it('counts follow-up attempts and records the first touch once', () => {
    const first = moveLead(
      anAssignedMql(),
      { type: 'log-activity', kind: 'call', attempt: true, note: null },
      ana,
      at,
      defaultHandoffPolicy,
    );
    if (first.outcome !== 'moved') throw new Error('expected a move');
    const second = moveLead(
      first.lead,
      { type: 'log-activity', kind: 'email', attempt: true, note: null },
      ana,
      '2026-11-21T11:00:00.000Z',
      defaultHandoffPolicy,
    );
    expect(second.outcome === 'moved' && [second.lead.attempts, second.lead.firstTouchAt]).toEqual([2, at]);
    expect(first.events.map((e) => e.detail)).toEqual([expect.objectContaining({ firstTouch: true, attempt: true })]);
  });
});
