import { z } from 'zod';
import { Condition } from '../routing/condition.js';
import { INTENTS } from './understand-text.js';

/** Text shown to visitors, keyed by BCP 47 language; `en` is the fallback every playbook must carry. */
export const LocalizedText = z.strictObject({ en: z.string().min(1).max(1000) }).catchall(z.string().min(1).max(1000));
export type LocalizedText = z.infer<typeof LocalizedText>;

const Intent = z.enum(INTENTS);
const StepId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes');
const AnswerKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'letters, digits and underscores');

const SayStep = z.strictObject({ id: StepId, kind: z.literal('say'), text: LocalizedText, next: StepId.optional() });
const AskTextStep = z.strictObject({
  id: StepId,
  kind: z.literal('ask-text'),
  prompt: LocalizedText,
  answerKey: AnswerKey,
  maxLength: z.number().int().min(1).max(2000).default(500),
  next: StepId.optional(),
});
const AskEmailStep = z.strictObject({
  id: StepId,
  kind: z.literal('ask-email'),
  prompt: LocalizedText,
  invalid: LocalizedText,
  answerKey: AnswerKey.default('email'),
  next: StepId.optional(),
});
const EndStep = z.strictObject({ id: StepId, kind: z.literal('end'), text: LocalizedText });
/** Buttons: a click (or typing a label or value) stores the option's value. */
const AskChoiceStep = z.strictObject({
  id: StepId,
  kind: z.literal('ask-choice'),
  prompt: LocalizedText,
  answerKey: AnswerKey,
  options: z
    .array(
      z.strictObject({
        value: z.string().min(1).max(100),
        label: LocalizedText,
        /** Other words a visitor may type for this option, per language ("talk to sales", "a quote"). */
        synonyms: z.record(z.string().min(2).max(10), z.array(z.string().min(1).max(100)).max(20)).optional(),
        /** Typed messages with one of these intents choose this option ("how much is it?" → pricing). */
        intents: z.array(Intent).max(5).optional(),
      }),
    )
    .min(1)
    .max(12),
  /** Said when the visitor types something that is none of the options (and free text is not allowed). */
  invalid: LocalizedText,
  allowFreeText: z.boolean().default(false),
  next: StepId.optional(),
});
/** Goes to the first branch whose condition holds (answers.*, score, stage, qualifies, account.owner), else `otherwise`. */
const BranchStep = z.strictObject({
  id: StepId,
  kind: z.literal('branch'),
  branches: z
    .array(z.strictObject({ when: Condition, next: StepId }))
    .min(1)
    .max(20),
  otherwise: StepId,
});
/** Routes the visitor with the rulebook; `routed` may name the rep as {rep}. A nurture outcome speaks the rulebook's nurture message. */
const RouteStep = z.strictObject({
  id: StepId,
  kind: z.literal('route'),
  routed: LocalizedText,
  /** Offer the routed rep's open times right away. */
  offerSlots: z.boolean().default(true),
  next: StepId.optional(),
});

/**
 * Talk now: asks an available rep (the route's rep, then the rest of the pool) to take the conversation
 * over live; with nobody available the visitor is offered open times and the playbook goes on. `joined` may name the rep as {rep}.
 */
const TalkNowStep = z.strictObject({
  id: StepId,
  kind: z.literal('talk-now'),
  connecting: LocalizedText.default({ en: 'Let me find someone who can talk with you right now…' }),
  waiting: LocalizedText.default({
    en: 'Everyone is with another visitor; you are next in line. If you would rather not wait, pick a time:',
  }),
  joined: LocalizedText.default({ en: '{rep} has joined the conversation.' }),
  unavailable: LocalizedText.default({ en: 'Nobody can chat right now. Pick a time that suits you:' }),
  ended: LocalizedText.default({ en: 'The conversation with {rep} has ended.' }),
  next: StepId.optional(),
});

export const PlaybookStep = z.discriminatedUnion('kind', [
  SayStep,
  AskTextStep,
  AskEmailStep,
  AskChoiceStep,
  BranchStep,
  RouteStep,
  TalkNowStep,
  EndStep,
]);
export type PlaybookStep = z.infer<typeof PlaybookStep>;

/** Which visitors a playbook is for; every given criterion must hold. */
const Targeting = z
  .object({
    /** The page path contains one of these. */
    pathContains: z.array(z.string().min(1).max(200)).max(20).optional(),
    utmSources: z.array(z.string().min(1).max(100)).max(20).optional(),
    visitor: z.enum(['new', 'returning']).optional(),
    businessHours: z.boolean().optional(),
    accountTiers: z.array(z.string().min(1).max(40)).max(10).optional(),
  })
  .strict();
export type Targeting = z.infer<typeof Targeting>;

export const Playbook = z
  .object({
    id: z.string().min(1).max(64),
    targeting: Targeting.optional(),
    greeting: LocalizedText,
    /** Shown when the visitor writes after the playbook has ended. */
    afterEnd: LocalizedText,
    steps: z.array(PlaybookStep).min(1).max(100),
    /**
     * Where a typed intent leads when it is none of the offered options ("I want to talk to a human" →
     * the email step before routing, "it's broken" → support); the intent is kept as `answers.intent`.
     */
    intents: z
      .array(z.strictObject({ intent: Intent, next: StepId }).strict())
      .max(INTENTS.length)
      .optional(),
  })
  .superRefine((playbook, ctx) => {
    const ids = new Set<string>();
    playbook.steps.forEach((step, index) => {
      if (ids.has(step.id))
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `duplicate step id "${step.id}"` });
      ids.add(step.id);
    });
    playbook.intents?.forEach((handler, index) => {
      if (!ids.has(handler.next))
        ctx.addIssue({ code: 'custom', path: ['intents', index, 'next'], message: `unknown step "${handler.next}"` });
    });
    playbook.steps.forEach((step, index) => {
      if ('next' in step && step.next !== undefined && !ids.has(step.next)) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'next'], message: `unknown step "${step.next}"` });
      }
      if (step.kind === 'branch') {
        step.branches.forEach((branch, b) => {
          if (!ids.has(branch.next))
            ctx.addIssue({
              code: 'custom',
              path: ['steps', index, 'branches', b, 'next'],
              message: `unknown step "${branch.next}"`,
            });
        });
        if (!ids.has(step.otherwise))
          ctx.addIssue({
            code: 'custom',
            path: ['steps', index, 'otherwise'],
            message: `unknown step "${step.otherwise}"`,
          });
      }
    });
  });
export type Playbook = z.infer<typeof Playbook>;

export function localize(text: LocalizedText, language: string): string {
  const base = language.toLowerCase().split('-')[0] ?? 'en';
  return text[language] ?? text[base] ?? text.en;
}
