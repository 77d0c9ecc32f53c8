import { z } from 'zod';

/**
 * Per-stage settings, from the CDK context (`cdk.json` "stages", or `-c stage=prod`), checked at synth.
 * The mail sender is required: a stack that cannot send invitations is not a product.
 */
export const StageConfig = z
  .object({
    /** The SES identity (a verified domain or address) the mail function may send as. */
    sesIdentity: z.string().min(3),
    /** The sender, an address of that identity, e.g. "Baton <baton@acme.com>". */
    mailFrom: z.string().min(3),
    /** Keeps the table, the user pool and the logs when the stack is deleted, and protects the table from deletion. */
    retainData: z.boolean().default(true),
    /** Requests one client IP may make in five minutes before WAF blocks it (widget, pages and API together). */
    requestsPerFiveMinutes: z.number().int().min(10).max(2_000_000_000).default(2000),
    /** A custom domain for the distribution and its ACM certificate (which CloudFront needs in us-east-1). */
    domain: z
      .object({ name: z.string().min(3), certificateArn: z.string().startsWith('arn:aws:acm:us-east-1:') })
      .strict()
      .optional(),
  })
  .strict();
export type StageConfig = z.infer<typeof StageConfig>;

export function stageConfigOf(stage: string, stages: unknown): StageConfig {
  const all = z.record(z.string(), z.unknown()).safeParse(stages ?? {});
  const entry = all.success ? all.data[stage] : undefined;
  const parsed = StageConfig.safeParse(entry);
  if (!parsed.success)
    throw new Error(
      `Stage "${stage}" needs its settings in the CDK context "stages.${stage}": ${parsed.error.issues
        .map((issue) => `${issue.path.join('.') || '(stage)'}: ${issue.message}`)
        .join('; ')}`,
    );
  return parsed.data;
}
