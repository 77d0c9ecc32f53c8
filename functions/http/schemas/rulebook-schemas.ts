import { z } from '@hono/zod-openapi';
import { RulebookContent } from '../../core/rulebook/rulebook.js';
import { MAX_PROBLEMS_LISTED } from '../../core/rulebook/validate-rulebook.js';

export const RulebookContentSchema = RulebookContent;

const SignatureSchema = z
  .object({
    side: z.enum(['marketing', 'sales']),
    userId: z.string(),
    name: z.string().nullable(),
    at: z.string(),
    contentHash: z.string(),
  })
  .openapi('Signature');
const ProblemItem = z.object({ path: z.string(), message: z.string() }).openapi('RulebookProblem');

export const DraftSchema = z
  .object({
    content: RulebookContentSchema,
    contentHash: z.string().openapi({ description: 'SHA-256 of the canonical JSON; what approvers sign.' }),
    revision: z.number().int().openapi({ description: '0 when no draft is stored yet (a copy of the live version).' }),
    baseVersion: z.number().int(),
    status: z.enum(['editing', 'submitted']),
    editedBy: z.string(),
    editedAt: z.string(),
    submittedBy: z.string().nullable(),
    submittedAt: z.string().nullable(),
    signatures: z.array(SignatureSchema),
    problems: z
      .array(ProblemItem)
      .openapi({ description: 'Meaning checks; a draft with problems cannot be submitted or go live.' }),
  })
  .openapi('RulebookDraft');

export const PutDraftQuery = z.object({
  expectedRevision: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({ description: 'Refuse the save (409) unless the draft is still at this revision.' }),
});

export const ApproveBody = z
  .object({
    contentHash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest'),
    side: z.enum(['marketing', 'sales']),
  })
  .strict()
  .openapi('ApproveRulebookRequest');

export const ApproveResult = z
  .object({
    draft: DraftSchema.nullable(),
    published: z.object({ version: z.number().int(), contentHash: z.string() }).nullable(),
  })
  .openapi('ApproveRulebookResult');

export const RollbackBody = z
  .object({
    version: z.number().int().min(1),
    side: z.enum(['marketing', 'sales']).openapi({
      description: 'The side you sign for; the version goes live again when the other side signs the same rollback.',
    }),
  })
  .strict()
  .openapi('RollbackRulebookRequest');

export const RollbackResult = z
  .object({
    version: z.number().int(),
    live: z.boolean().openapi({ description: "False until the other side's signature puts the version live again." }),
    signatures: z.array(SignatureSchema),
  })
  .openapi('RollbackRulebookResult');

export const SimulateBody = z
  .object({ days: z.number().int().min(1).max(90).default(30) })
  .strict()
  .openapi('SimulateRulebookRequest');

const ChangeSchema = z.object({
  key: z.string(),
  live: z.number().int(),
  draft: z.number().int(),
  change: z.number().int(),
});
const SimVisitor = z.object({
  stage: z.string(),
  qualifies: z.boolean(),
  ruleId: z.string().nullable(),
  target: z.string().openapi({ description: '"pool:<id>", "owner:<repId>", "rep:<repId>" or "nurture:<id>"' }),
  route: z.string().openapi({ description: 'The rep the walk drew, or the nurture' }),
});
export const SimulationSchema = z
  .object({
    days: z.number().int(),
    visitors: z.number().int(),
    truncated: z.boolean().openapi({ description: 'More visitors changed than `changed` lists' }),
    liveVersion: z.number().int(),
    draftRevision: z.number().int(),
    mql: z.object({ live: z.number().int(), draft: z.number().int(), change: z.number().int() }),
    ruleHits: z.array(ChangeSchema),
    targets: z.array(ChangeSchema),
    repLoad: z.array(ChangeSchema),
    outcomes: z.array(ChangeSchema),
    changedCount: z.number().int(),
    changed: z.array(z.object({ visitorId: z.string(), live: SimVisitor, draft: SimVisitor })),
    problems: z
      .array(ProblemItem)
      .max(MAX_PROBLEMS_LISTED)
      .openapi({
        description: `The draft's meaning problems when it was replayed (as in the draft's \`problems\`), the first ${MAX_PROBLEMS_LISTED}: it was simulated as it stands, and cannot go live until they are fixed`,
      }),
    problemCount: z
      .number()
      .int()
      .min(0)
      .openapi({ description: `How many problems the draft had; \`problems\` lists at most ${MAX_PROBLEMS_LISTED}` }),
  })
  .openapi('RulebookSimulation');

export const SimulationIdParam = z.object({
  simulationId: z
    .string()
    .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'a ULID: 26 characters of Crockford base 32')
    .openapi({ param: { name: 'simulationId', in: 'path' }, example: '01JD3Q8Y8M4S0W6Q9V2ZC3H7KX' }),
});

export const SimulationJobSchema = z
  .object({
    siteKey: z.string(),
    simulationId: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']).openapi({
      description: 'queued → running → succeeded or failed; poll until it is one of the last two',
    }),
    days: z.number().int(),
    requestedBy: z.string(),
    requestedAt: z.string().datetime({ offset: true }),
    startedAt: z.string().datetime({ offset: true }).nullable(),
    finishedAt: z.string().datetime({ offset: true }).nullable(),
    heartbeatAt: z
      .string()
      .datetime({ offset: true })
      .nullable()
      .openapi({ description: "The worker's last sign of life; running and silent for 5 minutes reads as failed" }),
    visitors: z.number().int().openapi({ description: 'Visitors replayed so far (all of them once succeeded)' }),
    result: SimulationSchema.nullable().openapi({ description: 'The report, once succeeded' }),
    error: z.string().nullable().openapi({ description: 'Why it failed, once failed' }),
  })
  .openapi('RulebookSimulationJob');

export const VersionsSchema = z
  .object({
    liveVersion: z.number().int(),
    pendingRollback: z
      .object({
        version: z.number().int(),
        fromVersion: z.number().int(),
        signatures: z.array(SignatureSchema),
      })
      .nullable()
      .openapi({
        description: 'A rollback one side signed; it goes live when the other side signs it. Null when none waits.',
      }),
    versions: z.array(
      z.object({
        version: z.number().int(),
        contentHash: z.string(),
        publishedAt: z.string(),
        signatures: z.array(SignatureSchema),
        live: z.boolean(),
      }),
    ),
    history: z.array(
      z.object({
        at: z.string(),
        userId: z.string(),
        action: z.enum(['edited', 'submitted', 'signed', 'signatures-voided', 'published', 'rolled-back']),
        version: z.number().int().nullable(),
        contentHash: z.string().nullable(),
        detail: z.string(),
      }),
    ),
  })
  .openapi('RulebookVersions');

const Skip = z.object({ repId: z.string(), reason: z.string() });
export const DecisionSchema = z
  .object({
    conversationId: z.string(),
    visitorId: z.string(),
    siteKey: z.string(),
    rulebookVersion: z.number().int(),
    decidedAt: z.string(),
    facts: z.object({
      score: z.number(),
      stage: z.string(),
      qualifies: z.boolean(),
      accountOwner: z.string().nullable(),
      employees: z.number().nullable(),
      country: z.string().nullable(),
    }),
    snapshot: z.record(z.string(), z.unknown()).openapi({
      description:
        'Every fact the rules up to the matched one read, as it was at the decision; `answers` holds chat answers',
    }),
    rules: z
      .array(z.object({ ruleId: z.string(), name: z.string(), matched: z.boolean(), because: z.string() }))
      .openapi({
        description: 'Rules in order up to the match and why, computed on read by the pinned rulebook version',
      }),
    matchedRuleId: z.string().nullable(),
    reproduced: z.boolean().openapi({
      description: 'Whether re-running the pinned rulebook version on the snapshot matches the stored rule',
    }),
    steps: z.array(
      z.object({
        target: z.record(z.string(), z.unknown()),
        fallback: z.boolean(),
        ticket: z.number().int().nullable(),
        skipped: z.array(Skip),
        result: z.enum(['chosen', 'nobody-available', 'nurture']),
      }),
    ),
    outcome: z.record(z.string(), z.unknown()).openapi({
      description:
        '{type: "rep", repId, repName, viaFallback, accountOwner, poolId, choices} or {type: "nurture", nurtureId, viaFallback}',
    }),
  })
  .openapi('RoutingDecision');

export const ChangesSchema = z
  .object({
    liveVersion: z.number().int(),
    draftRevision: z.number().int(),
    draftContentHash: z.string(),
    changes: z.array(
      z.object({
        section: z.enum([
          'rules',
          'scoring',
          'gates',
          'thresholds',
          'pools',
          'fallbacks',
          'nurtures',
          'business-hours',
          'alerts',
          'playbooks',
          'sla',
          'other',
        ]),
        kind: z.enum(['added', 'removed', 'changed', 'reordered']),
        text: z.string(),
      }),
    ),
  })
  .openapi('RulebookChanges');
