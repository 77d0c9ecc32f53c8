import { webUrl } from '../validation/web-url.js';
import { z } from 'zod';
import { Condition } from '../routing/condition.js';
import { Playbook } from '../playbooks/playbook.js';
import { defaultScoringModel, ScoringModel } from '../scoring/scoring-model.js';
import { defaultHandoffPolicy, HandoffPolicy } from '../funnel/handoff-policy.js';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');

export const RouteTarget = z.discriminatedUnion('type', [
  /** The account's owner from marketing's account list (account-based routing). */
  z.strictObject({ type: z.literal('account-owner') }).strict(),
  z.strictObject({ type: z.literal('rep'), repId: Id }).strict(),
  z.strictObject({ type: z.literal('pool'), poolId: Id }).strict(),
  z.strictObject({ type: z.literal('nurture'), nurtureId: Id }).strict(),
]);
export type RouteTarget = z.infer<typeof RouteTarget>;

export const Pool = z
  .object({
    id: Id,
    name: z.string().min(1).max(100),
    strategy: z.enum(['weighted-round-robin', 'least-loaded']),
    members: z
      .array(
        z
          .object({
            repId: Id,
            weight: z.number().int().min(1).max(100).default(1),
            dailyCap: z.number().int().min(1).max(500).optional(),
          })
          .strict(),
      )
      .max(200),
    /** Offer the visitor the available reps to choose from instead of assigning one. */
    visitorPicks: z.boolean().default(false),
  })
  .strict();
export type Pool = z.infer<typeof Pool>;

const LocalizedText = z.strictObject({ en: z.string().min(1).max(1000) }).catchall(z.string().min(1).max(1000));

/** What a visitor who is not routed to a rep gets: content to read, and an offer to follow up by email. */
const Nurture = z
  .object({
    id: Id,
    message: LocalizedText,
    offer: z.strictObject({ title: LocalizedText, url: webUrl() }).optional(),
    captureEmail: z.boolean().default(true),
  })
  .strict();
export type Nurture = z.infer<typeof Nurture>;

export const RoutingRule = z
  .object({ id: Id, name: z.string().min(1).max(120), when: Condition, route: RouteTarget })
  .strict();
export type RoutingRule = z.infer<typeof RoutingRule>;

/**
 * The common lead definition as one versioned document: the scoring model with its ICP gates and
 * thresholds, the routing rules, the rep pools, the fallbacks and the nurture outcomes. It goes live
 * only when a marketing owner and a sales owner have signed the same content.
 */
export const RulebookContent = z
  .object({
    scoring: ScoringModel,
    businessHours: z
      .object({
        timeZone: z.string().min(1).max(64),
        days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
        start: Time,
        end: Time,
      })
      .strict(),
    pools: z.array(Pool).max(100),
    rules: z.array(RoutingRule).max(1000),
    /** Tried in order when the matched rule finds nobody available. */
    fallbacks: z.array(RouteTarget).max(10),
    nurtures: z.array(Nurture).min(1).max(20),
    /** For visitors no rule routes. */
    unrouted: z.strictObject({ nurtureId: Id }).strict(),
    alerts: z
      .object({ emails: z.array(z.string().email()).max(20).default([]), webhookUrl: webUrl().optional() })
      .strict()
      .default({ emails: [] }),
    /** Conversation playbooks, chosen by their targeting; the site's own playbook when none matches. */
    playbooks: z.array(Playbook).max(20).default([]),
    /** The hand-off both teams signed: rejection reasons and their follow-up, SLA terms, the fallback queue. Seed defaults when absent. */
    handoff: HandoffPolicy.optional(),
  })
  .strict();
export type RulebookContent = z.infer<typeof RulebookContent>;

export const Rulebook = RulebookContent.extend({ version: z.number().int().min(1) });
export type Rulebook = z.infer<typeof Rulebook>;

export const defaultRulebookContent: RulebookContent = {
  scoring: defaultScoringModel,
  businessHours: { timeZone: 'America/New_York', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
  pools: [
    {
      id: 'inbound',
      name: 'Inbound sales',
      strategy: 'weighted-round-robin',
      members: [
        { repId: 'rep-ana', weight: 2, dailyCap: 12 },
        { repId: 'rep-ben', weight: 1, dailyCap: 8 },
        { repId: 'rep-carla', weight: 1, dailyCap: 8 },
      ],
      visitorPicks: false,
    },
    {
      id: 'enterprise',
      name: 'Enterprise team',
      strategy: 'least-loaded',
      members: [
        { repId: 'rep-ana', weight: 1 },
        { repId: 'rep-carla', weight: 1 },
      ],
      visitorPicks: false,
    },
  ],
  rules: [
    {
      id: 'named-accounts',
      name: 'Named accounts go to their owner',
      // The owner already knows the account: its contacts are not made to qualify first.
      when: { field: 'account.owner', op: 'exists' },
      route: { type: 'account-owner' },
    },
    {
      id: 'enterprise',
      name: 'Enterprise MQLs',
      when: {
        all: [
          { field: 'qualifies', op: 'equals', value: true },
          { field: 'company.employees', op: 'between', min: 1001 },
        ],
      },
      route: { type: 'pool', poolId: 'enterprise' },
    },
    {
      id: 'mql',
      name: 'Every other MQL',
      when: { field: 'qualifies', op: 'equals', value: true },
      route: { type: 'pool', poolId: 'inbound' },
    },
  ],
  fallbacks: [
    { type: 'pool', poolId: 'inbound' },
    { type: 'nurture', nurtureId: 'follow-up' },
  ],
  nurtures: [
    {
      id: 'guide',
      message: {
        en: 'Thanks! Our buyer’s guide is a good next step; we will also send you what fits your team.',
        es: '¡Gracias! Nuestra guía de compra es un buen siguiente paso; también te enviaremos lo que encaje con tu equipo.',
        pt: 'Obrigado! Nosso guia de compra é um bom próximo passo; também enviaremos o que combina com sua equipe.',
        de: 'Danke! Unser Einkaufsleitfaden ist ein guter nächster Schritt; wir schicken Ihnen auch, was zu Ihrem Team passt.',
      },
      offer: {
        title: {
          en: 'The revenue analytics buyer’s guide',
          es: 'Guía de compra de analítica de ingresos',
          pt: 'Guia de compra de análise de receita',
          de: 'Der Einkaufsleitfaden für Umsatzanalysen',
        },
        url: 'https://example.com/guide',
      },
      captureEmail: true,
    },
    {
      id: 'follow-up',
      message: {
        en: 'Our team is fully booked right now; someone will email you within one business day.',
        es: 'Nuestro equipo está completo ahora mismo; alguien te escribirá en un día hábil.',
        pt: 'Nossa equipe está ocupada agora; alguém enviará um e-mail em até um dia útil.',
        de: 'Unser Team ist gerade ausgebucht; jemand schreibt Ihnen innerhalb eines Werktags.',
      },
      captureEmail: true,
    },
  ],
  unrouted: { nurtureId: 'guide' },
  alerts: { emails: ['revops@example.com'] },
  playbooks: [],
};

export const defaultRulebook: Rulebook = { version: 1, ...defaultRulebookContent };

/** The rulebook's hand-off terms, or the seed's when it has none. */
export const handoffPolicyOf = (rulebook: Pick<RulebookContent, 'handoff'>): HandoffPolicy =>
  rulebook.handoff ?? defaultHandoffPolicy;
