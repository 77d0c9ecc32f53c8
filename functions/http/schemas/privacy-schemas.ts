import { z } from '@hono/zod-openapi';
import { Ulid } from './visitor-schemas.js';

/** Whom the request is about; in the body, so no email ends up in a URL or an access log. */
export const DataSubjectBody = z
  .union([z.object({ email: z.string().email().max(320) }).strict(), z.object({ visitorId: Ulid }).strict()])
  .openapi('DataSubject', { example: { email: 'maria@globex.example' } });

const Records = z.array(z.record(z.string(), z.unknown()));

export const VisitorDataExport = z
  .object({
    siteKey: z.string(),
    exportedAt: z.string(),
    profiles: Records,
    leads: Records,
    conversations: z.array(
      z.object({
        conversation: z.record(z.string(), z.unknown()),
        turns: Records,
        decision: z.record(z.string(), z.unknown()).nullable(),
        liveChat: z.record(z.string(), z.unknown()).nullable(),
      }),
    ),
    meetings: Records,
    syncStatuses: Records,
    timers: Records,
    events: Records,
  })
  .openapi('VisitorDataExport');

export const VisitorErasure = z
  .object({
    erasureId: z.string(),
    erasedAt: z.string(),
    counts: z.record(z.string(), z.number().int()),
  })
  .openapi('VisitorErasure');
