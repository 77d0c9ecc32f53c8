import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { SlotTakenError } from '../../app/scheduling/slot-taken-error.js';
import { authorize } from '../middleware/authorize.js';
import { visitorSession } from '../middleware/visitor-session.js';
import { SiteKeyParam } from '../schemas/account-schemas.js';
import type { AppEnv } from '../app-env.js';
import { rateLimited } from '../middleware/rate-limit.js';
import { requesterOf } from '../requester-of.js';
import { clientSubjectOf } from '../../core/limits/client-subject.js';
import { isTimeZone } from '../../core/scheduling/time-zone.js';
import { ProblemError } from '../problem.js';
import { ConversationIdParam } from '../schemas/conversation-schemas.js';
import { problemResponses } from '../schemas/problem-schema.js';
import { Ulid } from '../schemas/visitor-schemas.js';
import { onFirstUse } from '../../bundling/on-first-use.js';

// Use cases load with the first request that calls them: a cold start reads only the routes.
const bookMeeting = onFirstUse(() => import('../../app/scheduling/book-meeting.js').then((m) => m.bookMeeting));
const cancelMeeting = onFirstUse(() => import('../../app/scheduling/cancel-meeting.js').then((m) => m.cancelMeeting));
const getManagedMeeting = onFirstUse(() =>
  import('../../app/scheduling/get-managed-meeting.js').then((m) => m.getManagedMeeting),
);
const listConversationSlots = onFirstUse(() =>
  import('../../app/scheduling/list-conversation-slots.js').then((m) => m.listConversationSlots),
);
const listMeetingSlots = onFirstUse(() =>
  import('../../app/scheduling/list-meeting-slots.js').then((m) => m.listMeetingSlots),
);
const listTeamSlots = onFirstUse(() => import('../../app/scheduling/list-team-slots.js').then((m) => m.listTeamSlots));
const markNoShow = onFirstUse(() => import('../../app/scheduling/mark-no-show.js').then((m) => m.markNoShow));
const rescheduleMeeting = onFirstUse(() =>
  import('../../app/scheduling/reschedule-meeting.js').then((m) => m.rescheduleMeeting),
);

const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, 'an IANA time zone such as Europe/Lisbon')
  .openapi({ example: 'Europe/Lisbon' });
const Instant = z.string().datetime({ offset: true }).openapi({ example: '2026-12-01T15:00:00Z' });

const SlotSchema = z
  .object({ start: z.string(), end: z.string(), repId: z.string(), localStart: z.string(), localEnd: z.string() })
  .openapi('Slot');
const SlotsSchema = z
  .object({
    timeZone: z.string(),
    meetingType: z.object({ id: z.string(), name: z.string(), durationMinutes: z.number().int() }),
    reps: z.array(
      z.object({ repId: z.string(), name: z.string(), title: z.string().nullable(), photoUrl: z.string().nullable() }),
    ),
    slots: z.array(SlotSchema),
  })
  .openapi('Slots');
const MeetingSchema = z
  .object({
    meetingId: z.string(),
    repId: z.string(),
    repName: z.string(),
    start: z.string(),
    end: z.string(),
    localStart: z.string(),
    localEnd: z.string(),
    timeZone: z.string(),
    status: z.enum(['booked', 'canceled', 'no-show']),
  })
  .openapi('Meeting');
const ManagedMeetingSchema = MeetingSchema.extend({
  host: z
    .object({ name: z.string(), colour: z.string().nullable(), avatarUrl: z.string().nullable() })
    .openapi({ description: "The company the visitor meets: the site's name, colour and avatar." }),
}).openapi('ManagedMeeting');
const MeetingParam = z.object({ meetingId: Ulid.openapi({ param: { name: 'meetingId', in: 'path' } }) });
const Token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'the token from the manage link');
const tags = ['Scheduling'];
const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

const routes = {
  listSlots: createRoute({
    operationId: 'listSlots',
    method: 'get',
    path: '/v1/conversations/{conversationId}/slots',
    tags,
    middleware: [visitorSession({ token: 'required', conversation: 'param' }), rateLimited()],
    summary: "Open times of the conversation's routed rep (or the pool's reps), in the visitor's time zone",
    request: { params: ConversationIdParam, query: z.object({ timeZone: TimeZone }) },
    responses: {
      200: { description: 'Open slots', ...json(SlotsSchema) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  }),
  repSlots: createRoute({
    operationId: 'listRepSlots',
    method: 'get',
    path: '/v1/sites/{siteKey}/reps/{repId}/slots',
    tags,
    middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'param' })],
    summary: "A rep's open times",
    request: {
      params: SiteKeyParam.extend({
        repId: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
          .openapi({ param: { name: 'repId', in: 'path' } }),
      }),
      query: z.object({ timeZone: TimeZone }),
    },
    responses: { 200: { description: 'Open slots', ...json(SlotsSchema) }, ...problemResponses(400, 401, 403, 404) },
  }),
  poolSlots: createRoute({
    operationId: 'listPoolSlots',
    method: 'get',
    path: '/v1/sites/{siteKey}/pools/{poolId}/slots',
    tags,
    middleware: [authorize({ roles: ['marketing', 'sales', 'rep'], site: 'param' })],
    summary: "A pool's open times: the union over its reps, each slot with the rep who would take it",
    request: {
      params: SiteKeyParam.extend({
        poolId: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
          .openapi({ param: { name: 'poolId', in: 'path' } }),
      }),
      query: z.object({ timeZone: TimeZone }),
    },
    responses: { 200: { description: 'Open slots', ...json(SlotsSchema) }, ...problemResponses(400, 401, 403, 404) },
  }),
  book: createRoute({
    operationId: 'bookMeeting',
    method: 'post',
    path: '/v1/conversations/{conversationId}/meetings',
    tags,
    middleware: [visitorSession({ token: 'required', conversation: 'param' }), rateLimited()],
    summary: 'Book one of the offered slots; the invitation is mailed and a manage link returned',
    request: {
      params: ConversationIdParam,
      body: {
        required: true,
        ...json(
          z
            .object({
              start: Instant,
              repId: z.string().max(63).optional(),
              name: z.string().trim().min(1).max(200),
              email: z.string().email().max(320),
              timeZone: TimeZone,
              website: z.string().max(200).optional().openapi({
                description:
                  'A field the widget hides from people (a honeypot): leave it out or empty. Filled, the answer looks like a booking and nothing is booked, stored or mailed.',
              }),
            })
            .strict()
            .openapi('BookMeetingRequest'),
        ),
      },
    },
    responses: {
      201: {
        description: 'Booked',
        ...json(z.object({ meeting: MeetingSchema, manageUrl: z.string() }).openapi('BookedMeeting')),
      },
      ...problemResponses(400, 401, 403, 404, 409, 413, 415),
    },
  }),
  get: createRoute({
    operationId: 'getMeeting',
    security: [],
    middleware: [rateLimited()],
    method: 'get',
    path: '/v1/meetings/{meetingId}',
    tags,
    summary: 'A meeting, read with its manage token',
    request: { params: MeetingParam, query: z.object({ token: Token }) },
    responses: {
      200: { description: 'The meeting', ...json(ManagedMeetingSchema) },
      ...problemResponses(400, 403, 409),
    },
  }),
  meetingSlots: createRoute({
    operationId: 'listMeetingSlots',
    security: [],
    middleware: [rateLimited()],
    method: 'get',
    path: '/v1/meetings/{meetingId}/slots',
    tags,
    summary: 'The open times a meeting can move to, read with its manage token',
    request: { params: MeetingParam, query: z.object({ token: Token, timeZone: TimeZone }) },
    responses: {
      200: { description: 'Open slots', ...json(z.object({ timeZone: z.string(), slots: z.array(SlotSchema) })) },
      ...problemResponses(400, 403, 409),
    },
  }),
  reschedule: createRoute({
    operationId: 'rescheduleMeeting',
    security: [],
    middleware: [rateLimited()],
    method: 'post',
    path: '/v1/meetings/{meetingId}/reschedule',
    tags,
    summary: 'Move a meeting to another open time with its manage token',
    request: {
      params: MeetingParam,
      body: { required: true, ...json(z.object({ token: Token, start: Instant }).strict()) },
    },
    responses: {
      200: { description: 'Moved', ...json(z.object({ meeting: MeetingSchema })) },
      ...problemResponses(400, 403, 409),
    },
  }),
  noShow: createRoute({
    operationId: 'markNoShow',
    method: 'post',
    path: '/v1/meetings/{meetingId}/no-show',
    tags,
    middleware: [authorize({ roles: ['rep', 'sales'], site: 'none' })],
    summary: 'The visitor did not come: the rep gets the round-robin turn back',
    request: { params: MeetingParam },
    responses: {
      200: { description: 'Marked', ...json(z.object({ meeting: MeetingSchema })) },
      ...problemResponses(400, 401, 403, 404, 409),
    },
  }),
  cancel: createRoute({
    operationId: 'cancelMeeting',
    security: [],
    middleware: [rateLimited()],
    method: 'post',
    path: '/v1/meetings/{meetingId}/cancel',
    tags,
    summary: 'Cancel a meeting with its manage token',
    request: {
      params: MeetingParam,
      body: { required: true, ...json(z.object({ token: Token, reason: z.string().max(500).optional() }).strict()) },
    },
    responses: {
      200: { description: 'Canceled', ...json(z.object({ meeting: MeetingSchema })) },
      ...problemResponses(400, 403, 409),
    },
  }),
};

/** A taken slot answers 409 with the fresh slots, so the visitor can pick again at once. */
const withFreshSlots = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SlotTakenError)
      throw new ProblemError({ title: error.title, status: 409, detail: error.message, slots: error.slots });
    throw error;
  }
};

/** Public: a visitor's open times, booking, and the manage link's reads and moves. */
export function registerPublicSchedulingRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(routes.listSlots, async (c) =>
    c.json(
      await listConversationSlots(c.get('deps'), c.req.valid('param').conversationId, c.req.valid('query').timeZone),
      200,
    ),
  );
  app.openapi(routes.book, async (c) => {
    const { start, repId, name, email, timeZone, website } = c.req.valid('json');
    const booked = await withFreshSlots(() =>
      bookMeeting(c.get('deps'), {
        conversationId: c.req.valid('param').conversationId,
        start,
        repId,
        visitor: { name, email, timeZone },
        ip: clientSubjectOf(requesterOf(c).address ?? undefined),
        honeypot: website,
      }),
    );
    return c.json(booked, 201);
  });
  app.openapi(routes.get, async (c) =>
    c.json(await getManagedMeeting(c.get('deps'), c.req.valid('param').meetingId, c.req.valid('query').token), 200),
  );
  app.openapi(routes.meetingSlots, async (c) => {
    const { token, timeZone } = c.req.valid('query');
    return c.json(await listMeetingSlots(c.get('deps'), c.req.valid('param').meetingId, token, timeZone), 200);
  });
  app.openapi(routes.reschedule, async (c) => {
    const { token, start } = c.req.valid('json');
    return c.json(
      await withFreshSlots(() =>
        rescheduleMeeting(c.get('deps'), { meetingId: c.req.valid('param').meetingId, token, start }),
      ),
      200,
    );
  });
  app.openapi(routes.cancel, async (c) => {
    const { token, reason } = c.req.valid('json');
    return c.json(
      await cancelMeeting(c.get('deps'), { meetingId: c.req.valid('param').meetingId, token, reason }),
      200,
    );
  });
}

/** The console's: team open times and no-shows. */
export function registerSchedulingRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(routes.repSlots, async (c) => {
    const { siteKey, repId } = c.req.valid('param');
    return c.json(await listTeamSlots(c.get('deps'), siteKey, { repId }, c.req.valid('query').timeZone), 200);
  });
  app.openapi(routes.poolSlots, async (c) => {
    const { siteKey, poolId } = c.req.valid('param');
    return c.json(await listTeamSlots(c.get('deps'), siteKey, { poolId }, c.req.valid('query').timeZone), 200);
  });
  app.openapi(routes.noShow, async (c) => {
    return c.json(
      await markNoShow(c.get('deps'), { meetingId: c.req.valid('param').meetingId, principal: c.get('principal') }),
      200,
    );
  });
}
