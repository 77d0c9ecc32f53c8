import { describe, expect, it } from 'vitest';
import { applySignal } from '../../../../functions/core/visitors/apply-signal.js';
import { VisitorSignal } from '../../../../functions/core/visitors/visitor-signal.js';
import { defaultScoringModel } from '../../../../functions/core/scoring/scoring-model.js';
import { aVisitor, NOW } from '../../../fixtures/visitors.js';

const model = defaultScoringModel;
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe('applySignal', () => {
  it('records a page view with its title and referrer, and the first touch from the UTM tags', () => {
    const profile = applySignal(
      aVisitor(),
      {
        type: 'page_view',
        url: 'https://acme.test/blog/post?utm_source=newsletter&utm_medium=email&utm_campaign=q4',
        title: 'Post',
        referrer: 'https://mail.example/',
      },
      model,
      NOW,
    );

    expect(profile.pageViews).toEqual([
      {
        url: 'https://acme.test/blog/post?utm_source=newsletter&utm_medium=email&utm_campaign=q4',
        path: '/blog/post',
        title: 'Post',
        referrer: 'https://mail.example/',
        at: NOW.toISOString(),
        timeOnPageMs: null,
      },
    ]);
    expect(profile.firstTouch).toEqual({
      source: 'newsletter',
      medium: 'email',
      campaign: 'q4',
      referrer: 'https://mail.example/',
    });
  });

  it('tags a visit without UTM by its referrer host, or as direct, and keeps the first touch afterwards', () => {
    const first = applySignal(aVisitor(), { type: 'page_view', url: 'https://acme.test/' }, model, NOW);
    const second = applySignal(first, { type: 'page_view', url: 'https://acme.test/?utm_source=ads' }, model, later(1));

    expect(first.firstTouch).toEqual({ source: 'direct' });
    expect(second.firstTouch).toEqual({ source: 'direct' });
  });

  it('turns pages into behaviours by the model page rules, once each', () => {
    let profile = applySignal(aVisitor(), { type: 'page_view', url: 'https://acme.test/pricing' }, model, NOW);
    profile = applySignal(profile, { type: 'page_view', url: 'https://acme.test/pricing#enterprise' }, model, later(2));
    profile = applySignal(profile, { type: 'page_view', url: 'https://acme.test/customers/globex' }, model, later(3));

    expect(profile.behaviours).toEqual({ 'pricing-page': NOW.toISOString(), 'case-study': later(3).toISOString() });
  });

  it('counts a new visit after 30 minutes of silence, which is a repeat visit', () => {
    let profile = applySignal(aVisitor(), { type: 'page_view', url: 'https://acme.test/' }, model, NOW);
    profile = applySignal(profile, { type: 'page_view', url: 'https://acme.test/a' }, model, later(29));
    expect(profile.visits).toBe(1);

    profile = applySignal(profile, { type: 'page_view', url: 'https://acme.test/b' }, model, later(29 + 31));

    expect(profile.visits).toBe(2);
    expect(profile.behaviours['repeat-visit']).toBe(later(60).toISOString());
  });

  it('stores the time on page on the last open view of that URL', () => {
    let profile = applySignal(aVisitor(), { type: 'page_view', url: 'https://acme.test/a' }, model, NOW);
    profile = applySignal(
      profile,
      { type: 'page_leave', url: 'https://acme.test/a', timeOnPageMs: 42_000 },
      model,
      later(1),
    );

    expect(profile.pageViews[0]!.timeOnPageMs).toBe(42_000);
  });

  it('merges answers, lower-casing the email and ignoring empty ones', () => {
    let profile = applySignal(
      aVisitor(),
      { type: 'identify', answers: { email: ' Ana@Globex.COM ', name: 'Ana' } },
      model,
      NOW,
    );
    profile = applySignal(profile, { type: 'identify', answers: { jobTitle: 'VP Sales', name: '' } }, model, later(1));

    expect(profile.answers).toEqual({ email: 'ana@globex.com', name: 'Ana', jobTitle: 'VP Sales' });
  });

  it('prefers the edge geography to the browser time zone', () => {
    const browserOnly = applySignal(
      aVisitor(),
      { type: 'page_view', url: 'https://acme.test/', timeZone: 'Europe/Lisbon' },
      model,
      NOW,
    );
    const edge = applySignal(
      browserOnly,
      { type: 'page_view', url: 'https://acme.test/x', timeZone: 'Europe/Lisbon' },
      model,
      later(1),
      { country: 'PT', region: '11', timeZone: 'Europe/Lisbon' },
    );
    const afterEdge = applySignal(
      edge,
      { type: 'page_view', url: 'https://acme.test/y', timeZone: 'America/New_York' },
      model,
      later(2),
    );

    expect(browserOnly.geo).toEqual({ country: 'PT', region: null, timeZone: 'Europe/Lisbon', source: 'browser' });
    expect(edge.geo).toEqual({ country: 'PT', region: '11', timeZone: 'Europe/Lisbon', source: 'edge' });
    expect(afterEdge.geo).toEqual(edge.geo);
  });

  it('keeps only the latest 50 page views', () => {
    let profile = aVisitor();
    for (let i = 0; i < 60; i++)
      profile = applySignal(profile, { type: 'page_view', url: `https://acme.test/p${i}` }, model, later(i));

    expect(profile.pageViews).toHaveLength(50);
    expect(profile.pageViews[0]!.path).toBe('/p10');
  });
});

describe('VisitorSignal validation', () => {
  it.each([
    [{ type: 'page_view', url: 'not a url' }],
    [{ type: 'page_leave', url: 'https://a.test/', timeOnPageMs: -1 }],
    [{ type: 'identify', answers: {} }],
    [{ type: 'content', behaviour: 'pricing-page' }],
    [{ type: 'teleport' }],
  ])('refuses %j', (signal) => {
    expect(VisitorSignal.safeParse(signal).success).toBe(false);
  });
});
