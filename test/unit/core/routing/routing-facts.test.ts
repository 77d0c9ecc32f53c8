import { describe, expect, it } from 'vitest';
import { localTime, routingFactsOf } from '../../../../functions/core/routing/routing-facts.js';
import { defaultRulebookContent } from '../../../../functions/core/rulebook/rulebook.js';
import type { CompanyFacts } from '../../../../functions/core/visitors/visitor-profile.js';
import { aVisitor } from '../../../fixtures/visitors.js';

const firm = (overrides: Partial<CompanyFacts> = {}): CompanyFacts => ({
  source: 'account-list',
  domain: 'globex.com',
  name: 'Globex',
  employees: 500,
  industry: 'Software',
  country: 'US',
  region: 'CA',
  tier: '1',
  ownerRepId: 'rep-ana',
  ...overrides,
});
// Business hours of the default rulebook: Monday to Friday, 09:00–18:00 New York.
const at = (iso: string) => new Date(iso);
const context = { language: 'pt-BR', answers: { timeline: 'now' } };

describe('routingFactsOf', () => {
  it('gives every field a rule can read, from the profile, the conversation and the clock', () => {
    const visitor = aVisitor({
      stage: 'mql',
      score: { total: 82, qualifies: true, breakdown: [], gates: [], threshold: 70 },
      geo: { country: 'PT', region: 'Lisbon', timeZone: 'Europe/Lisbon', source: 'edge' },
      account: firm(),
      company: firm({ source: 'enrichment-api', domain: 'globex.io', region: 'NY', tier: null, ownerRepId: null }),
      emailKind: 'work',
      visits: 3,
      behaviours: { 'pricing-page': '2026-11-25T09:00:00.000Z' },
      answers: { email: 'ana@globex.com', jobTitle: 'VP Sales', companySize: 40 },
      firstTouch: { source: 'linkedin', medium: 'social', campaign: 'q4' },
      pageViews: [
        {
          url: 'https://acme.test/',
          path: '/',
          title: null,
          referrer: null,
          at: '2026-11-25T09:00:00.000Z',
          timeOnPageMs: null,
        },
        {
          url: 'https://acme.test/pricing',
          path: '/pricing',
          title: null,
          referrer: null,
          at: '2026-11-25T09:01:00.000Z',
          timeOnPageMs: null,
        },
      ],
    });

    // Wednesday 25 November 2026, 15:30 UTC: 15:30 in Lisbon, 10:30 in New York.
    expect(routingFactsOf(visitor, defaultRulebookContent, at('2026-11-25T15:30:00.000Z'), context)).toEqual({
      score: 82,
      stage: 'mql',
      qualifies: true,
      'company.employees': 500,
      'company.industry': 'Software',
      'company.industryTier': 'core',
      'company.domain': 'globex.com',
      'geo.country': 'PT',
      'geo.region': 'Lisbon',
      'geo.timeZone': 'Europe/Lisbon',
      'geo.source': 'edge',
      'account.tier': '1',
      'account.owner': 'rep-ana',
      'account.domain': 'globex.com',
      'visitor.emailKind': 'work',
      'visitor.jobLevel': 'vp-director',
      'visitor.visits': 3,
      'visitor.behaviours': ['pricing-page'],
      'visitor.language': 'pt-BR',
      'page.url': 'https://acme.test/pricing',
      'page.path': '/pricing',
      'utm.source': 'linkedin',
      'utm.medium': 'social',
      'utm.campaign': 'q4',
      'time.visitorHour': 15,
      'time.visitorWeekday': 3,
      'time.businessHours': true,
      answers: { email: 'ana@globex.com', jobTitle: 'VP Sales', companySize: '40', timeline: 'now' },
    });
  });

  it('knows nothing yet about a new visitor, and reads their time in the team zone', () => {
    const facts = routingFactsOf(aVisitor(), defaultRulebookContent, at('2026-11-25T15:30:00.000Z'), {
      language: 'en',
      answers: {},
    });
    expect(facts).toMatchObject({
      score: 0,
      stage: 'visitor',
      qualifies: false,
      'company.employees': null,
      'company.industryTier': null,
      'company.domain': null,
      'geo.region': null,
      'account.tier': null,
      'account.owner': null,
      'account.domain': null,
      'page.url': null,
      'page.path': null,
      'utm.source': null,
      'utm.medium': null,
      'utm.campaign': null,
      'time.visitorHour': 10,
      answers: {},
    });
  });

  it('takes the region from the enrichment API when the account list and the edge have none', () => {
    const visitor = aVisitor({ company: firm({ source: 'enrichment-api', region: 'NY' }) });
    expect(routingFactsOf(visitor, defaultRulebookContent, at('2026-11-25T15:30:00.000Z'), context)).toMatchObject({
      'geo.region': 'NY',
      'company.domain': 'globex.com',
      'account.owner': null,
    });
  });

  it("reads the conversation's answer over the profile's, and keeps an answer of any key", () => {
    const visitor = aVisitor({ answers: { email: 'ana@globex.com', companySize: 40 } });
    const given = JSON.parse('{"companySize":"200-500","__proto__":"odd key","timeline":"now"}');

    const { answers } = routingFactsOf(visitor, defaultRulebookContent, at('2026-11-25T15:30:00.000Z'), {
      language: 'en',
      answers: given,
    });

    expect(Object.entries(answers)).toEqual([
      ['email', 'ana@globex.com'],
      ['companySize', '200-500'],
      ['__proto__', 'odd key'],
      ['timeline', 'now'],
    ]);
    expect(Object.getPrototypeOf(answers)).toBe(Object.prototype);
  });

  it.each([
    ['2026-11-25T13:59:00.000Z', false, 'Wednesday 08:59 in New York'],
    ['2026-11-25T14:00:00.000Z', true, 'Wednesday 09:00'],
    ['2026-11-25T22:59:00.000Z', true, 'Wednesday 17:59'],
    ['2026-11-25T23:00:00.000Z', false, 'Wednesday 18:00'],
    ['2026-11-28T15:00:00.000Z', false, 'Saturday 10:00'],
  ])('at %s it is business hours: %s (%s)', (iso, open) => {
    expect(routingFactsOf(aVisitor(), defaultRulebookContent, at(iso), context)['time.businessHours']).toBe(open);
  });
});

describe('localTime', () => {
  it.each([
    ['2026-11-23T00:30:00.000Z', 'Asia/Tokyo', { hour: 9, weekday: 1, hhmm: '09:30' }],
    ['2026-11-29T23:59:00.000Z', 'UTC', { hour: 23, weekday: 7, hhmm: '23:59' }],
    ['2026-11-24T04:45:00.000Z', 'Asia/Kolkata', { hour: 10, weekday: 2, hhmm: '10:15' }],
    ['2026-11-24T05:00:00.000Z', 'America/New_York', { hour: 0, weekday: 2, hhmm: '00:00' }],
  ])('%s in %s', (iso, zone, expected) => {
    expect(localTime(new Date(iso), zone)).toEqual(expected);
  });

  it('answers anew when the minute changes', () => {
    expect(localTime(new Date('2026-11-23T10:00:59.000Z'), 'UTC').hhmm).toBe('10:00');
    expect(localTime(new Date('2026-11-23T10:01:00.000Z'), 'UTC').hhmm).toBe('10:01');
  });
});
