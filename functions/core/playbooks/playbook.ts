import { z } from 'zod';

/** Text shown to visitors, keyed by BCP 47 language; `en` is the fallback every playbook must carry. */
export const LocalizedText = z
  .object({ en: z.string().min(1).max(1000) })
  .catchall(z.string().min(1).max(1000));
export type LocalizedText = z.infer<typeof LocalizedText>;

const StepId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes');
const AnswerKey = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'letters, digits and underscores');

const SayStep = z.object({ id: StepId, kind: z.literal('say'), text: LocalizedText, next: StepId.optional() });
const AskTextStep = z.object({
  id: StepId,
  kind: z.literal('ask-text'),
  prompt: LocalizedText,
  answerKey: AnswerKey,
  maxLength: z.number().int().min(1).max(2000).default(500),
  next: StepId.optional(),
});
const AskEmailStep = z.object({
  id: StepId,
  kind: z.literal('ask-email'),
  prompt: LocalizedText,
  invalid: LocalizedText,
  answerKey: AnswerKey.default('email'),
  next: StepId.optional(),
});
const EndStep = z.object({ id: StepId, kind: z.literal('end'), text: LocalizedText });
/** Routes the visitor with the rulebook; `routed` may name the rep as {rep}. A nurture outcome speaks the rulebook's nurture message. */
const RouteStep = z.object({ id: StepId, kind: z.literal('route'), routed: LocalizedText, next: StepId.optional() });

export const PlaybookStep = z.discriminatedUnion('kind', [SayStep, AskTextStep, AskEmailStep, RouteStep, EndStep]);
export type PlaybookStep = z.infer<typeof PlaybookStep>;

export const Playbook = z
  .object({
    id: z.string().min(1).max(64),
    greeting: LocalizedText,
    /** Shown when the visitor writes after the playbook has ended. */
    afterEnd: LocalizedText,
    steps: z.array(PlaybookStep).min(1).max(100),
  })
  .superRefine((playbook, ctx) => {
    const ids = new Set<string>();
    playbook.steps.forEach((step, index) => {
      if (ids.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `duplicate step id "${step.id}"` });
      ids.add(step.id);
    });
    playbook.steps.forEach((step, index) => {
      if ('next' in step && step.next !== undefined && !ids.has(step.next)) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'next'], message: `unknown step "${step.next}"` });
      }
    });
  });
export type Playbook = z.infer<typeof Playbook>;

export function localize(text: LocalizedText, language: string): string {
  const base = language.toLowerCase().split('-')[0] ?? 'en';
  return text[language] ?? text[base] ?? text.en;
}
