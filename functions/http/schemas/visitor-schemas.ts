import { z } from '@hono/zod-openapi';
import { SiteKey } from '../../core/conversation/site.js';
import { VisitorSignal } from '../../core/visitors/visitor-signal.js';
import { FunnelStage } from '../../core/visitors/visitor-profile.js';

export const Ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID: 26 characters of Crockford base 32');

export const VisitorIdParam = z.object({
  visitorId: Ulid.openapi({ param: { name: 'visitorId', in: 'path' }, example: '01JD3Q8Y8M4S0W6Q9V2ZC3H7KY' }),
});

export const PostVisitorEventBody = z
  .object({
    siteKey: SiteKey.describe("The site's public key").openapi({ example: 'demo' }),
    visitorId: Ulid.optional().openapi({
      description:
        "Optional and redundant: when sent, it must be the visitor of the request's visitor token (a new visitor is created when the request has none).",
    }),
    consent: z
      .object({
        version: z.string().min(1).max(40),
        language: z
          .string()
          .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'a BCP 47 language tag such as en or pt-BR')
          .optional()
          .openapi({ description: "The language the notice was shown in; the site's default when absent." }),
      })
      .strict()
      .optional()
      .openapi({
        description:
          'Required on a site that asks for consent (422 without it, nothing stored): the notice version the visitor accepted. The server records the time it received it.',
      }),
    event: VisitorSignal.describe(
      'page_view, page_leave (time on page), identify (answers), content (downloads, webinars, demo requests) or unsubscribe',
    ).openapi({
      example: {
        type: 'page_view',
        url: 'https://www.example.com/pricing?utm_source=newsletter',
        title: 'Pricing',
        timeZone: 'Europe/Lisbon',
      },
    }),
  })
  .strict()
  .openapi('PostVisitorEventRequest');

export const PostVisitorEventResult = z
  .object({
    visitorId: Ulid,
    stage: FunnelStage,
    score: z.number().int().nullable(),
    visitorToken: z.string().openapi({
      description: 'Send it in the X-Baton-Visitor-Token header of every later call about this visitor.',
    }),
  })
  .openapi('PostVisitorEventResult');

const CompanyFactsSchema = z
  .object({
    source: z.enum(['account-list', 'enrichment-api']),
    domain: z.string().nullable(),
    name: z.string().nullable(),
    employees: z.number().int().nullable(),
    industry: z.string().nullable(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    tier: z.string().nullable().optional(),
    ownerRepId: z.string().nullable().optional(),
    matchedBy: z.enum(['email-domain', 'company-name', 'domain']).optional(),
  })
  .openapi('CompanyFacts');

const ScoreSchema = z
  .object({
    total: z.number().int(),
    threshold: z.number().int(),
    qualifies: z.boolean(),
    breakdown: z.array(
      z.object({
        rule: z.string(),
        category: z.enum(['demographic', 'behaviour', 'negative']),
        points: z.number().int(),
        reason: z.string(),
      }),
    ),
    gates: z.array(z.object({ gate: z.string(), passed: z.boolean(), reason: z.string() })),
  })
  .openapi('Score');

export const VisitorSchema = z
  .object({
    visitorId: Ulid,
    siteKey: z.string(),
    firstSeenAt: z.string().datetime({ offset: true }),
    lastSeenAt: z.string().datetime({ offset: true }),
    visits: z.number().int(),
    firstTouch: z.object({
      source: z.string().optional(),
      medium: z.string().optional(),
      campaign: z.string().optional(),
      referrer: z.string().optional(),
    }),
    pageViews: z.array(
      z.object({
        url: z.string(),
        path: z.string(),
        title: z.string().nullable(),
        referrer: z.string().nullable(),
        at: z.string(),
        timeOnPageMs: z.number().nullable(),
      }),
    ),
    behaviours: z
      .record(z.string(), z.string())
      .openapi({ description: 'Each behaviour with the time it first happened.' }),
    answers: z.record(z.string(), z.union([z.string(), z.number()])),
    geo: z.object({
      country: z.string().nullable(),
      region: z.string().nullable(),
      timeZone: z.string().nullable(),
      source: z.enum(['edge', 'browser']).nullable(),
    }),
    emailKind: z.enum(['work', 'personal', 'disposable']).nullable(),
    account: CompanyFactsSchema.nullable(),
    company: CompanyFactsSchema.nullable(),
    enrichmentFailures: z.array(z.object({ provider: z.string(), error: z.string(), at: z.string() })),
    unsubscribed: z.boolean(),
    stage: FunnelStage,
    score: ScoreSchema.nullable(),
    scoreHistory: z.array(
      z.object({
        at: z.string(),
        total: z.number().int(),
        delta: z.number().int(),
        stage: FunnelStage,
        reason: z.string(),
        rulebookVersion: z.number().int(),
      }),
    ),
  })
  .openapi('Visitor');
