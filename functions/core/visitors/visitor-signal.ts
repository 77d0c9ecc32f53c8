// The request schema, apart from apply-signal.ts and without the scoring and time-zone tables applying a
// signal needs, which the visitor function reads only with the first visitor event.
import { z } from 'zod';
import { Behaviour } from '../scoring/scoring-model.js';
import { webUrl } from '../validation/web-url.js';
import { ContactAnswers } from './visitor-profile.js';

const Url = webUrl();

/** What the widget, a form or the chat tells Baton about a visitor. */
export const VisitorSignal = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('page_view'),
    url: Url,
    title: z.string().max(500).optional(),
    referrer: z.union([Url, z.literal('')]).optional(),
    /** The browser's IANA time zone, used when the edge does not tell. */
    timeZone: z.string().max(64).optional(),
  }),
  z.strictObject({ type: z.literal('page_leave'), url: Url, timeOnPageMs: z.number().int().min(0).max(86_400_000) }),
  z.strictObject({
    type: z.literal('identify'),
    // A mistyped address must not make a visitor a lead (or mail someone else).
    answers: ContactAnswers.extend({ email: z.string().trim().max(320).pipe(z.email()).optional() })
      .strict()
      .refine((answers) => Object.keys(answers).length > 0, 'at least one answer'),
  }),
  z.strictObject({ type: z.literal('content'), behaviour: Behaviour.exclude(['repeat-visit', 'pricing-page']) }),
  z.strictObject({ type: z.literal('unsubscribe') }),
]);
export type VisitorSignal = z.infer<typeof VisitorSignal>;
