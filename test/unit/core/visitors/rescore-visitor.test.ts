import { describe, expect, it } from 'vitest';
import { defaultScoringModel } from '../../../../functions/core/scoring/scoring-model.js';
import { answersForProfile } from '../../../../functions/core/visitors/answers-for-profile.js';
import { factsOf, rescoreVisitor } from '../../../../functions/core/visitors/rescore-visitor.js';
import { MAX_SCORE_HISTORY } from '../../../../functions/core/visitors/visitor-profile.js';
import { aVisitor, NOW } from '../../../fixtures/visitors.js';

const globex = {
  source: 'account-list' as const,
  domain: 'globex.com',
  name: 'Globex',
  employees: 850,
  industry: 'Software',
  country: 'US',
  region: 'CA',
  tier: '1',
  ownerRepId: 'rep-ana',
  matchedBy: 'email-domain' as const,
};

describe('rescoreVisitor', () => {
  it('makes a visitor who left an email a lead, and a qualifying one an MQL, with events and history', () => {
    const lead = rescoreVisitor(
      aVisitor({ answers: { email: 'ana@globex.com' }, emailKind: 'work' }),
      defaultScoringModel,
      3,
      NOW,
      'told us email',
    );
    const mql = rescoreVisitor(
      { ...lead.profile, answers: { ...lead.profile.answers, jobTitle: 'VP Sales' }, account: globex },
      defaultScoringModel,
      3,
      NOW,
      'told us jobTitle',
    );

    expect(lead.profile.stage).toBe('lead');
    expect(lead.events).toEqual([
      { type: 'StageChanged', visitorId: lead.profile.visitorId, from: 'visitor', to: 'lead', rulebookVersion: 3 },
    ]);
    expect(mql.profile.stage).toBe('mql');
    expect(mql.profile.score?.total).toBe(70);
    expect(mql.events).toEqual([
      { type: 'LeadScored', visitorId: lead.profile.visitorId, total: 70, delta: 70, rulebookVersion: 3 },
      { type: 'StageChanged', visitorId: lead.profile.visitorId, from: 'lead', to: 'mql', rulebookVersion: 3 },
    ]);
    expect(mql.profile.scoreHistory).toEqual([
      { at: NOW.toISOString(), total: 0, delta: 0, stage: 'lead', reason: 'told us email', rulebookVersion: 3 },
      { at: NOW.toISOString(), total: 70, delta: 70, stage: 'mql', reason: 'told us jobTitle', rulebookVersion: 3 },
    ]);
  });

  it('stays an MQL when the score later drops: recycling is a sales decision', () => {
    const mql = aVisitor({ stage: 'mql', answers: { email: 'a@b.com' } });

    expect(rescoreVisitor(mql, defaultScoringModel, 1, NOW, 'x').profile.stage).toBe('mql');
  });

  it('records nothing when the score and stage did not change', () => {
    const once = rescoreVisitor(aVisitor(), defaultScoringModel, 1, NOW, 'first').profile;
    const twice = rescoreVisitor(once, defaultScoringModel, 1, NOW, 'again');

    expect(twice.events).toEqual([]);
    expect(twice.profile.scoreHistory).toHaveLength(1);
  });
});

describe('the score history', () => {
  const history = (entries: number) =>
    Array.from({ length: entries }, (_, at) => ({
      at: NOW.toISOString(),
      total: at,
      delta: 1,
      stage: 'visitor' as const,
      reason: `change ${at}`,
      rulebookVersion: 1,
    }));

  it.each([
    [0, 1, 0],
    [MAX_SCORE_HISTORY - 2, MAX_SCORE_HISTORY - 1, 0],
    [MAX_SCORE_HISTORY - 1, MAX_SCORE_HISTORY, 0],
    [MAX_SCORE_HISTORY, MAX_SCORE_HISTORY, 1],
    [MAX_SCORE_HISTORY + 5, MAX_SCORE_HISTORY, 6],
  ])('with %i changes kept, keeps %i after one more, the oldest being change %i', (kept, after, oldest) => {
    const stored = aVisitor({ scoreHistory: history(kept), score: null });
    const before = [...stored.scoreHistory];

    const rescored = rescoreVisitor(stored, defaultScoringModel, 2, NOW, 'another').profile.scoreHistory;

    expect(rescored).toHaveLength(after);
    expect(rescored.at(-1)).toMatchObject({ reason: 'another', rulebookVersion: 2 });
    if (after > 1) expect(rescored[0]!.reason).toBe(`change ${oldest}`);
    expect(stored.scoreHistory).toEqual(before);
  });
});

describe('factsOf', () => {
  it('trusts the account list over the enrichment API over what the visitor said', () => {
    const facts = factsOf(
      aVisitor({
        answers: { companySize: 20, jobTitle: 'Head of Sales' },
        account: { ...globex, industry: null },
        company: {
          source: 'enrichment-api',
          domain: 'globex.com',
          name: 'Globex',
          employees: 900,
          industry: 'Computer Software',
          country: 'US',
          region: null,
        },
      }),
    );

    expect(facts).toMatchObject({
      employees: 850,
      industry: 'Computer Software',
      jobLevel: 'vp-director',
      country: 'US',
    });
  });
});

describe('answersForProfile', () => {
  it('keeps the answers the profile knows, reads a size bucket as its lower bound and drops what does not fit', () => {
    expect(
      answersForProfile({
        email: 'a@b.co',
        need: 'routing',
        companySize: '201-1000',
        favouriteColour: 'red',
        jobLevel: 'emperor',
      }),
    ).toEqual({ email: 'a@b.co', need: 'routing', companySize: 201 });
  });
});
