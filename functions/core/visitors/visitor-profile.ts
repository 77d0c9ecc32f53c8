import { z } from 'zod';
import type { ConsentRecord } from '../privacy/consent.js';
import { type Behaviour, JobLevel } from '../scoring/scoring-model.js';

export const FunnelStage = z.enum(['visitor', 'lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'nurture']);
export type FunnelStage = z.infer<typeof FunnelStage>;

export const Utm = z.object({
  source: z.string().max(200).optional(),
  medium: z.string().max(200).optional(),
  campaign: z.string().max(200).optional(),
});
export type Utm = z.infer<typeof Utm>;

export const ContactAnswers = z.object({
  email: z.string().max(320).optional(),
  name: z.string().max(200).optional(),
  company: z.string().max(200).optional(),
  jobTitle: z.string().max(200).optional(),
  jobLevel: JobLevel.optional(),
  /** Self-reported number of employees (a bucket's lower bound when answered with a bucket). */
  companySize: z.number().int().min(1).max(10_000_000).optional(),
  timeline: z.string().max(200).optional(),
  budget: z.string().max(200).optional(),
  authority: z.string().max(200).optional(),
  need: z.string().max(2000).optional(),
});
export type ContactAnswers = z.infer<typeof ContactAnswers>;

export interface PageView {
  url: string;
  path: string;
  title: string | null;
  referrer: string | null;
  at: string;
  timeOnPageMs: number | null;
}

export interface CompanyFacts {
  source: 'account-list' | 'enrichment-api';
  domain: string | null;
  name: string | null;
  employees: number | null;
  industry: string | null;
  country: string | null;
  region: string | null;
  /** Only from the account list. */
  tier?: string | null;
  ownerRepId?: string | null;
  matchedBy?: 'email-domain' | 'company-name' | 'domain';
}

export interface Geo {
  country: string | null;
  region: string | null;
  timeZone: string | null;
  /** 'edge': CloudFront's viewer headers; 'browser': the browser's time zone (its country from the IANA zone table, a weak guess). */
  source: 'edge' | 'browser' | null;
}

export interface ScoreChange {
  at: string;
  total: number;
  delta: number;
  stage: FunnelStage;
  reason: string;
  rulebookVersion: number;
}

export interface EnrichmentFailure {
  provider: string;
  error: string;
  at: string;
}

/** Sales decided this contact (or their email or company domain) is never offered a rep again: a competitor's employee. */
export interface RoutingExclusion {
  /** The rejection reason that decided it. */
  reason: string;
  at: string;
}

/** Everything Baton knows about one visitor of one site; one item, written with optimistic concurrency. */
export interface VisitorProfile {
  visitorId: string;
  siteKey: string;
  firstSeenAt: string;
  lastSeenAt: string;
  visits: number;
  firstTouch: Utm & { referrer?: string };
  pageViews: PageView[];
  behaviours: Partial<Record<Behaviour, string>>;
  answers: ContactAnswers;
  geo: Geo;
  emailKind: 'work' | 'personal' | 'disposable' | null;
  account: CompanyFacts | null;
  company: CompanyFacts | null;
  enrichmentFailures: EnrichmentFailure[];
  /** What was last looked up successfully, so an unchanged email or company is not looked up again; a failed lookup leaves it, and the next signal retries. */
  enrichedFor: { account?: string; company?: string; exclusion?: string };
  /** Set when sales excluded the visitor, their email or their company's domain from routing. */
  routingExclusion?: RoutingExclusion | null;
  unsubscribed: boolean;
  /** The notice the visitor accepted before anything about them was recorded, on a site that shows one. */
  consent?: ConsentRecord;
  /** When it is gone from every read (epoch seconds, the table's TTL attribute): the site's retention from the last signal. */
  expiresAt?: number;
  stage: FunnelStage;
  score: import('../scoring/score-visitor.js').Score | null;
  scoreHistory: ScoreChange[];
  version: number;
}

export const MAX_PAGE_VIEWS = 50;
export const MAX_ENRICHMENT_FAILURES = 10;
export const MAX_SCORE_HISTORY = 100;
