import { describe, expect, it } from 'vitest';
import { defaultScoringModel } from '../../../../functions/core/scoring/scoring-model.js';
import { answersForProfile } from '../../../../functions/core/visitors/answers-for-profile.js';
import { factsOf, rescoreVisitor } from '../../../../functions/core/visitors/rescore-visitor.js';
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
