import { describe, expect, it } from 'vitest';
import { starterPlaybook, starterRulebook } from '../../../../functions/core/conversation/starter-site.js';
import { advanceConversation } from '../../../../functions/core/playbooks/advance-conversation.js';
import { Playbook } from '../../../../functions/core/playbooks/playbook.js';
import { planRoute } from '../../../../functions/core/routing/plan-route.js';
import { inMemoryCounters, walkRoute } from '../../../../functions/core/routing/walk-route.js';
import { Rulebook } from '../../../../functions/core/rulebook/rulebook.js';
import { validateRulebook } from '../../../../functions/core/rulebook/validate-rulebook.js';
import { aRepState } from '../../../fixtures/builders.js';

const say = (text: string) => ({ type: 'visitor-message' as const, text });
const texts = (replies: Array<{ text: string }>) => replies.map((reply) => reply.text);

describe('the chat a new site starts with', () => {
  const playbook = starterPlaybook('Acme');

  it('is a playbook the schema accepts as it is', () => {
    expect(Playbook.parse(playbook)).toEqual(playbook);
  });

  it('greets in the site’s name and asks what brings the visitor', () => {
    const started = advanceConversation(playbook, null, { type: 'started' }, 'en');

    expect(texts(started.replies)).toEqual([
      "Hi! I'm the Acme assistant. I can connect you with the right person on our team.",
      'What brings you here today?',
    ]);
    expect(started.state).toEqual({ awaiting: 'need', answers: {} });
  });

  it('keeps up to 500 characters of the need, then asks for a work email, again when it is not one', () => {
    const need = advanceConversation(playbook, { awaiting: 'need', answers: {} }, say('x'.repeat(501)), 'en');
    const wrong = advanceConversation(playbook, need.state, say('not an email'), 'en');

    expect(need.state).toEqual({ awaiting: 'email', answers: { need: 'x'.repeat(500) } });
    expect(texts(need.replies)).toEqual(["What's your work email, so the right person can follow up?"]);
    expect(wrong.state).toBe(need.state);
    expect(texts(wrong.replies)).toEqual(["That doesn't look like an email address. Could you check it?"]);
  });

  it('routes once it has the email, names the rep, offers times and thanks the visitor', () => {
    const email = advanceConversation(
      playbook,
      { awaiting: 'email', answers: { need: 'x' } },
      say('ada@acme.test'),
      'en',
    );
    const routed = advanceConversation(
      playbook,
      email.state,
      { type: 'routed', result: { kind: 'rep', repName: 'Ana', repTitle: null, photoUrl: null } },
      'en',
    );
    const after = advanceConversation(playbook, routed.state, say('hello?'), 'en');

    expect(email.effects).toEqual([{ type: 'route' }]);
    expect(email.state.answers).toEqual({ need: 'x', email: 'ada@acme.test' });
    expect(routed.replies).toEqual([
      {
        text: "You're in good hands: Ana from our team will take it from here.",
        attachment: { type: 'rep', name: 'Ana', title: null, photoUrl: null },
      },
      { text: '', attachment: { type: 'slots' } },
      { text: 'Thank you! Someone from our team will reach out shortly.' },
    ]);
    expect(routed.state.awaiting).toBeNull();
    expect(texts(after.replies)).toEqual([
      'Thanks, we have everything we need. A member of our team will be in touch.',
    ]);
  });
});

describe('the rulebook a new site starts with', () => {
  it('is a valid first version whose only gap is the pool sales fills with its reps', () => {
    expect(Rulebook.parse(starterRulebook)).toEqual(starterRulebook);
    expect(starterRulebook.version).toBe(1);
    expect(validateRulebook(starterRulebook, new Set())).toEqual([
      { path: '/pools/0/members', message: 'pool "inbound" has no reps' },
    ]);
  });

  it('sends every MQL to the inbound pool, and to the follow-up by email while the pool is empty', async () => {
    const plan = planRoute(starterRulebook, { qualifies: true, answers: {} });

    const walked = await walkRoute(starterRulebook, plan, null, new Map(), (id) => id, inMemoryCounters());

    expect(plan.matchedRuleId).toBe('mql');
    expect(plan.chain.map(({ target }) => target)).toEqual([
      { type: 'pool', poolId: 'inbound' },
      { type: 'nurture', nurtureId: 'follow-up' },
    ]);
    expect(walked.outcome).toEqual({ type: 'nurture', nurtureId: 'follow-up', viaFallback: true });
  });

  it('assigns a rep sales adds to the pool without asking the visitor to pick one', async () => {
    const pool = starterRulebook.pools[0]!;
    const staffed = { ...starterRulebook, pools: [{ ...pool, members: [{ repId: 'rep-ana', weight: 1 }] }] };
    const states = new Map([['rep-ana', aRepState('rep-ana')]]);

    const walked = await walkRoute(
      staffed,
      planRoute(staffed, { qualifies: true, answers: {} }),
      null,
      states,
      () => 'Ana',
      inMemoryCounters(),
    );

    expect(walked.outcome).toEqual(
      expect.objectContaining({ type: 'rep', repId: 'rep-ana', poolId: 'inbound', choices: [] }),
    );
    expect(pool.name).toBe('Inbound sales');
  });

  it('routes no visitor who does not qualify', () => {
    expect(planRoute(starterRulebook, { qualifies: false, answers: {} }).matchedRuleId).toBeNull();
  });
});
