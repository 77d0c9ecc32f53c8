import { z } from 'zod';

export const JobLevel = z.enum(['c-level', 'vp-director', 'manager', 'individual']);
export type JobLevel = z.infer<typeof JobLevel>;

export const Behaviour = z.enum([
  'demo-request',
  'pricing-page',
  'case-study',
  'whitepaper',
  'webinar',
  'repeat-visit',
]);
export type Behaviour = z.infer<typeof Behaviour>;

const Points = z.number().int().min(-1000).max(1000);

const SizeBand = z.strictObject({
  label: z.string().min(1).max(40),
  minEmployees: z.number().int().min(0),
  /** Inclusive; null for open-ended. */
  maxEmployees: z.number().int().min(0).nullable(),
  points: Points,
});

/** A page whose path contains `pathContains` counts as that behaviour (once per visitor). */
const PageRule = z.strictObject({ behaviour: Behaviour, pathContains: z.string().min(1).max(200) });

/**
 * The scoring part of the lead definition marketing and sales agree on; every number is data.
 * Each behaviour and each negative counts once per visitor, which keeps the score bounded.
 */
export const ScoringModel = z
  .object({
    companySize: z.array(SizeBand).min(1).max(20),
    jobLevel: z.record(JobLevel, Points),
    industry: z.strictObject({
      core: z.array(z.string().min(1).max(80)).max(200),
      related: z.array(z.string().min(1).max(80)).max(200),
      corePoints: Points,
      relatedPoints: Points,
      otherPoints: Points,
    }),
    behaviour: z.record(Behaviour, Points),
    pages: z.array(PageRule).max(100),
    negative: z.strictObject({
      unsubscribed: Points,
      personalEmail: Points,
      inactive: z.strictObject({ afterDays: z.number().int().min(1).max(3650), points: Points }),
    }),
    /** Must-haves: a visitor failing any gate is not an MQL whatever the score. */
    gates: z
      .object({
        minEmployees: z.number().int().min(0).optional(),
        maxEmployees: z.number().int().min(0).optional(),
        industries: z
          .array(z.enum(['core', 'related']))
          .min(1)
          .optional(),
        jobLevels: z.array(JobLevel).min(1).optional(),
        countries: z
          .array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case'))
          .min(1)
          .optional(),
      })
      .default({}),
    thresholds: z.strictObject({ mql: z.number().int().min(-1000).max(10000) }),
  })
  .superRefine((model, ctx) => {
    model.companySize.forEach((band, index) => {
      if (band.maxEmployees !== null && band.maxEmployees < band.minEmployees) {
        ctx.addIssue({
          code: 'custom',
          path: ['companySize', index, 'maxEmployees'],
          message: 'must not be below minEmployees',
        });
      }
      const next = model.companySize[index + 1];
      if (next && (band.maxEmployees === null || next.minEmployees <= band.maxEmployees)) {
        ctx.addIssue({
          code: 'custom',
          path: ['companySize', index + 1, 'minEmployees'],
          message: 'bands must be ascending and must not overlap',
        });
      }
    });
  });
export type ScoringModel = z.infer<typeof ScoringModel>;

/** The seed's model (seed 004): MQL at 70. */
export const defaultScoringModel: ScoringModel = {
  companySize: [
    { label: '1–50', minEmployees: 1, maxEmployees: 50, points: 5 },
    { label: '51–200', minEmployees: 51, maxEmployees: 200, points: 15 },
    { label: '201–1000', minEmployees: 201, maxEmployees: 1000, points: 25 },
    { label: '1000+', minEmployees: 1001, maxEmployees: null, points: 30 },
  ],
  jobLevel: { 'c-level': 30, 'vp-director': 25, manager: 15, individual: 5 },
  industry: {
    core: ['software', 'saas', 'computer software', 'internet software & services'],
    related: [
      'information technology',
      'it services',
      'technology',
      'financial services',
      'consulting',
      'professional services',
    ],
    corePoints: 20,
    relatedPoints: 10,
    otherPoints: 0,
  },
  behaviour: {
    'demo-request': 30,
    'pricing-page': 20,
    'case-study': 15,
    whitepaper: 10,
    webinar: 10,
    'repeat-visit': 5,
  },
  pages: [
    { behaviour: 'pricing-page', pathContains: '/pricing' },
    { behaviour: 'case-study', pathContains: '/case-studies' },
    { behaviour: 'case-study', pathContains: '/customers/' },
    { behaviour: 'demo-request', pathContains: '/demo' },
    { behaviour: 'whitepaper', pathContains: '/whitepapers/' },
    { behaviour: 'webinar', pathContains: '/webinars/' },
  ],
  negative: { unsubscribed: -10, personalEmail: -10, inactive: { afterDays: 90, points: -15 } },
  gates: {},
  thresholds: { mql: 70 },
};
