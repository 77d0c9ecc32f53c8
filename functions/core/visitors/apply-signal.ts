import { TIME_ZONE_COUNTRIES } from './time-zone-countries.js';
import type { Behaviour, ScoringModel } from '../scoring/scoring-model.js';
import { MAX_PAGE_VIEWS, type Geo, type Utm, type VisitorProfile } from './visitor-profile.js';
import type { VisitorSignal } from './visitor-signal.js';

export type { VisitorSignal } from './visitor-signal.js';

/** A new visit starts after half an hour without activity (the common web analytics session). */
const SESSION_GAP_MS = 30 * 60_000;

export function newVisitorProfile(visitorId: string, siteKey: string, now: Date): VisitorProfile {
  const at = now.toISOString();
  return {
    visitorId,
    siteKey,
    firstSeenAt: at,
    lastSeenAt: at,
    visits: 1,
    firstTouch: {},
    pageViews: [],
    behaviours: {},
    answers: {},
    geo: { country: null, region: null, timeZone: null, source: null },
    emailKind: null,
    account: null,
    company: null,
    enrichmentFailures: [],
    enrichedFor: {},
    unsubscribed: false,
    stage: 'visitor',
    score: null,
    scoreHistory: [],
    version: 0,
  };
}

/** Folds one signal into the profile. Pure: scoring and enrichment follow separately. */
export function applySignal(
  profile: VisitorProfile,
  signal: VisitorSignal,
  model: ScoringModel,
  now: Date,
  edgeGeo: Partial<Geo> = {},
): VisitorProfile {
  const at = now.toISOString();
  const isNewVisit = profile.pageViews.length > 0 && now.getTime() - Date.parse(profile.lastSeenAt) > SESSION_GAP_MS;
  const visits = profile.visits + (isNewVisit && signal.type === 'page_view' ? 1 : 0);
  let next: VisitorProfile = {
    ...profile,
    lastSeenAt: at,
    visits,
    geo: mergeGeo(profile.geo, edgeGeo, signal.type === 'page_view' ? signal.timeZone : undefined),
  };
  if (visits > 1) next = withBehaviour(next, 'repeat-visit', at);

  switch (signal.type) {
    case 'page_view': {
      const url = new URL(signal.url);
      const view = {
        url: signal.url,
        path: url.pathname,
        title: signal.title ?? null,
        referrer: signal.referrer || null,
        at,
        timeOnPageMs: null,
      };
      next = { ...next, pageViews: [...next.pageViews, view].slice(-MAX_PAGE_VIEWS) };
      if (Object.keys(next.firstTouch).length === 0) next = { ...next, firstTouch: firstTouchOf(url, signal.referrer) };
      for (const rule of model.pages)
        if (url.pathname.toLowerCase().includes(rule.pathContains.toLowerCase()))
          next = withBehaviour(next, rule.behaviour, at);
      return next;
    }
    case 'page_leave': {
      const index = next.pageViews.findLastIndex((view) => view.url === signal.url && view.timeOnPageMs === null);
      if (index < 0) return next;
      const pageViews = next.pageViews.map((view, i) =>
        i === index ? { ...view, timeOnPageMs: signal.timeOnPageMs } : view,
      );
      return { ...next, pageViews };
    }
    case 'identify': {
      const answers = Object.fromEntries(
        Object.entries(signal.answers).filter(([, value]) => value !== undefined && value !== ''),
      );
      if (typeof answers.email === 'string') answers.email = answers.email.trim().toLowerCase();
      return { ...next, answers: { ...next.answers, ...answers } };
    }
    case 'content':
      return withBehaviour(next, signal.behaviour, at);
    case 'unsubscribe':
      return { ...next, unsubscribed: true };
  }
}

function withBehaviour(profile: VisitorProfile, behaviour: Behaviour, at: string): VisitorProfile {
  if (profile.behaviours[behaviour]) return profile;
  return { ...profile, behaviours: { ...profile.behaviours, [behaviour]: at } };
}

function firstTouchOf(url: URL, referrer: string | undefined): Utm & { referrer?: string } {
  const touch: Utm & { referrer?: string } = {};
  const source = url.searchParams.get('utm_source');
  const medium = url.searchParams.get('utm_medium');
  const campaign = url.searchParams.get('utm_campaign');
  if (source) touch.source = source.slice(0, 200);
  if (medium) touch.medium = medium.slice(0, 200);
  if (campaign) touch.campaign = campaign.slice(0, 200);
  if (referrer) touch.referrer = referrer;
  if (!touch.source) touch.source = referrer ? new URL(referrer).hostname : 'direct';
  return touch;
}

/** The edge (CloudFront viewer headers) knows better than the browser; the browser's time zone fills the gap. */
function mergeGeo(current: Geo, edge: Partial<Geo>, browserTimeZone: string | undefined): Geo {
  if (edge.country)
    return {
      country: edge.country,
      region: edge.region ?? null,
      timeZone: edge.timeZone ?? browserTimeZone ?? current.timeZone,
      source: 'edge',
    };
  if (current.source === 'edge') return current;
  // Without an edge header, the browser's time zone gives a weak country (the IANA zone table), kept
  // with source 'browser' so rules can tell it from the edge's (`geo.source`).
  if (browserTimeZone)
    return {
      ...current,
      country: TIME_ZONE_COUNTRIES[browserTimeZone] ?? null,
      region: null,
      timeZone: browserTimeZone,
      source: 'browser',
    };
  return current;
}
