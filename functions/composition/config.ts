import { z } from 'zod';
import { defaultTableName } from '../adapters/dynamodb/table-definition.js';
import { type AbuseLimits, defaultAbuseLimits } from '../core/limits/abuse-limits.js';

/**
 * A function's settings, built when that function parses them: each function parses one of these, and building
 * every function's at each cold start was ~7 ms of the visitor function's import (issue 17).
 */
type ConfigSchema<T extends z.ZodType> = () => T;

function builtOnce<T extends z.ZodType>(build: () => T): ConfigSchema<T> {
  let schema: T | undefined;
  return () => {
    schema ??= build();
    return schema;
  };
}

/** The settings a function's configuration schema gives it. */
export type ConfigOf<S extends ConfigSchema<z.ZodType>> = z.infer<ReturnType<S>>;

const LogLevel = z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO');

/** Environment of the Lambda functions, checked once at cold start. */
const enrichment = {
  /** A Clearbit-style company-by-domain API; enrichment by API is off when unset. */
  BATON_COMPANY_API_URL: z.string().url().optional(),
  BATON_COMPANY_API_KEY: z.string().min(1).optional(),
  BATON_ENRICHMENT_BUDGET_MS: z.coerce.number().int().min(10).max(5000).default(300),
  /** OAuth apps for reps' Google and Microsoft calendars; each provider is off when unset. */
  BATON_GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  BATON_GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  BATON_MICROSOFT_CLIENT_ID: z.string().min(1).optional(),
  BATON_MICROSOFT_CLIENT_SECRET: z.string().min(1).optional(),
  /** CRM sync targets; each is off when unset. */
  BATON_HUBSPOT_TOKEN: z.string().min(1).optional(),
  BATON_HUBSPOT_BASE_URL: z.string().url().optional(),
  BATON_SALESFORCE_INSTANCE_URL: z.string().url().optional(),
  BATON_SALESFORCE_TOKEN: z.string().min(1).optional(),
  BATON_SALESFORCE_REFRESH_TOKEN: z.string().min(1).optional(),
  BATON_SALESFORCE_CLIENT_ID: z.string().min(1).optional(),
  BATON_SALESFORCE_CLIENT_SECRET: z.string().min(1).optional(),
  BATON_WEBHOOK_URL: z.string().url().optional(),
  BATON_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** JSON: { owners: { repId: { hubspot, salesforce } }, hubspotStages, salesforceStatuses }. */
  BATON_CRM_MAPPING: z.string().optional(),
};

/** EventBridge Scheduler for the timers (infra/timers.ts sets them): every function that schedules or cancels one. */
export const timerSettings = {
  BATON_TIMER_GROUP: z.string().min(1),
  BATON_TIMER_TARGET_ARN: z.string().startsWith('arn:'),
  BATON_TIMER_ROLE_ARN: z.string().startsWith('arn:'),
  BATON_TIMER_DLQ_ARN: z.string().startsWith('arn:').optional(),
};

const count = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000_000).default(fallback);

/** Abuse limits on the public operations (README, "Security model"); rates are per minute, bookings per UTC day. */
const limitSettings = {
  BATON_LIMIT_PER_IP: count(defaultAbuseLimits.perIp.limit),
  BATON_LIMIT_PER_VISITOR: count(defaultAbuseLimits.perVisitor.limit),
  BATON_LIMIT_PER_SITE: count(defaultAbuseLimits.perSite.limit),
  BATON_LIMIT_BOOKINGS_PER_EMAIL: count(defaultAbuseLimits.bookingsPerEmailPerDay),
  BATON_LIMIT_BOOKINGS_PER_IP: count(defaultAbuseLimits.bookingsPerIpPerDay),
  BATON_LIMIT_TURNS: count(defaultAbuseLimits.turnsPerConversation),
};

export function abuseLimitsOf(config: z.infer<z.ZodObject<typeof limitSettings>>): AbuseLimits {
  const perMinute = (limit: number) => ({ limit, windowSeconds: 60 });
  return {
    perIp: perMinute(config.BATON_LIMIT_PER_IP),
    perVisitor: perMinute(config.BATON_LIMIT_PER_VISITOR),
    perSite: perMinute(config.BATON_LIMIT_PER_SITE),
    bookingsPerEmailPerDay: config.BATON_LIMIT_BOOKINGS_PER_EMAIL,
    bookingsPerIpPerDay: config.BATON_LIMIT_BOOKINGS_PER_IP,
    turnsPerConversation: config.BATON_LIMIT_TURNS,
  };
}

/**
 * Secrets of the functions that serve visitors, read at run time from Secrets Manager by ARN
 * (composition/serving-secrets.ts): the environment names them, never holds them.
 */
const servingSecrets = {
  /** Signs visitor tokens and binds conversation ids to their visitor; the same in every function that serves visitors. */
  BATON_VISITOR_SECRET_ARN: z.string().startsWith('arn:'),
  /** What CloudFront sends with every request (infra/edge.ts); viewer geo headers are trusted only with it. */
  BATON_EDGE_SECRET_ARN: z.string().startsWith('arn:').optional(),
  /** How long a secret read is used before it is read again: a rotation reaches every instance within this. */
  BATON_SECRETS_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
};

/**
 * The key that seals reps' calendar OAuth tokens (composition/serving-secrets.ts, tokenCipherOf), by ARN; the
 * functions that may refresh a Google or Microsoft token read it. Required once either calendar app is set.
 */
const tokenKeySettings = {
  BATON_TOKEN_KEY_SECRET_ARN: z.string().startsWith('arn:').optional(),
  BATON_SECRETS_MAX_AGE_SECONDS: servingSecrets.BATON_SECRETS_MAX_AGE_SECONDS,
};

export const AwsConfig = builtOnce(() =>
  z.object({
    BATON_TABLE: z.string().min(3).default(defaultTableName),
    LOG_LEVEL: LogLevel,
    /** The Cognito user pool's issuer (https://cognito-idp.REGION.amazonaws.com/POOL_ID); its keys are at ISSUER/.well-known/jwks.json. */
    BATON_JWT_ISSUER: z.string().url(),
    BATON_JWT_AUDIENCE: z.string().min(1).optional(),
    /** Where visitors reach Baton (the CloudFront address or the custom domain): script tags and links. */
    BATON_PUBLIC_URL: z.string().url().default('https://baton.example.com'),
    /** The Cognito hosted sign-in domain (https://PREFIX.auth.REGION.amazoncognito.com) the console sends people to. */
    BATON_COGNITO_DOMAIN: z.string().url().optional(),
    /** The user pool's public app client of the console (authorization code with PKCE, no secret). */
    BATON_CONSOLE_CLIENT_ID: z.string().min(1).optional(),
    ...enrichment,
    ...limitSettings,
  }),
);

/** The console's hosted sign-in (Cognito), when the stack configured it. */
export function hostedSignInOf(config: { BATON_COGNITO_DOMAIN?: string; BATON_CONSOLE_CLIENT_ID?: string }) {
  if (!config.BATON_COGNITO_DOMAIN || !config.BATON_CONSOLE_CLIENT_ID) return undefined;
  const domain = config.BATON_COGNITO_DOMAIN.replace(/\/+$/, '');
  return {
    method: 'hosted' as const,
    authorizeUrl: `${domain}/oauth2/authorize`,
    tokenUrl: `${domain}/oauth2/token`,
    clientId: config.BATON_CONSOLE_CLIENT_ID,
    scopes: ['openid', 'email', 'profile'],
  };
}

/** The API function verifies tokens: it needs the audience (the user pool client id) as well. */
export const ApiConfig = builtOnce(() =>
  AwsConfig().extend({
    BATON_JWT_AUDIENCE: z.string().min(1),
    ...servingSecrets,
    ...tokenKeySettings,
    /** The WebSocket API's management endpoint; pushes are off (clients poll) when unset. */
    BATON_LIVE_ENDPOINT: z.string().url().optional(),
    ...timerSettings,
  }),
);

/** The visitor function: public operations only, so no JWT settings; mail is queued, never sent here. */
export const VisitorConfig = builtOnce(() =>
  z.object({
    BATON_TABLE: z.string().min(3).default(defaultTableName),
    LOG_LEVEL: LogLevel,
    ...servingSecrets,
    ...tokenKeySettings,
    BATON_PUBLIC_URL: z.string().url().default('https://baton.example.com'),
    BATON_LIVE_ENDPOINT: z.string().url().optional(),
    ...timerSettings,
    ...enrichment,
    ...limitSettings,
  }),
);

/**
 * The timer function (what EventBridge Scheduler invokes) and the funnel consumer: the use cases behind
 * them queue mail, push live-chat messages and schedule the next timers, and take no tokens.
 */
export const WorkerConfig = builtOnce(() =>
  z.object({
    BATON_TABLE: z.string().min(3).default(defaultTableName),
    LOG_LEVEL: LogLevel,
    BATON_PUBLIC_URL: z.string().url(),
    BATON_LIVE_ENDPOINT: z.string().url().optional(),
    ...timerSettings,
    ...enrichment,
    ...tokenKeySettings,
    // The worker serves no public request; it reads the limits only because it shares the serving functions' dependencies.
    ...limitSettings,
  }),
);

/** The live-chat WebSocket function: the API's settings, with the endpoint it pushes through. */
export const LiveSocketConfig = builtOnce(() => ApiConfig().extend({ BATON_LIVE_ENDPOINT: z.string().url() }));

/** The mail function: the only one that sends, so the only one that needs a sender. */
export const MailConfig = builtOnce(() =>
  z.object({
    BATON_TABLE: z.string().min(3).default(defaultTableName),
    LOG_LEVEL: LogLevel,
    /** A sender of the SES identity the stack was given, e.g. "Baton <baton@acme.com>". */
    BATON_MAIL_FROM: z.string().min(3),
    BATON_PUBLIC_URL: z.string().url(),
  }),
);

const flag = () =>
  z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((value) => value === '1' || value === 'true');

/** Environment of the local runtime (`npm start`). */
export const LocalConfig = builtOnce(() =>
  z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    BATON_DATA_DIR: z.string().min(1).default('.baton-data'),
    BATON_MEMORY: flag(),
    BATON_TABLE: z.string().min(3).default(defaultTableName),
    LOG_LEVEL: LogLevel,
    /** Signs the local console and API tokens; generated and kept in the data folder when unset. */
    BATON_AUTH_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    /** Where outgoing mail is written as .eml files; defaults to mail/ in the data folder. */
    BATON_MAIL_DIR: z.string().min(1).optional(),
    /** Unset: the local outbox relay is woken by writes. Set: it polls at this interval instead. */
    BATON_RELAY_INTERVAL_MS: z.coerce.number().int().min(10).max(86_400_000).optional(),
    ...enrichment,
    ...limitSettings,
  }),
);

export function companyApiOf(config: {
  BATON_COMPANY_API_URL?: string | undefined;
  BATON_COMPANY_API_KEY?: string | undefined;
}) {
  return config.BATON_COMPANY_API_URL && config.BATON_COMPANY_API_KEY
    ? { baseUrl: config.BATON_COMPANY_API_URL, apiKey: config.BATON_COMPANY_API_KEY }
    : undefined;
}

export function parseConfig<T extends z.ZodType>(
  schema: T | ConfigSchema<T>,
  env: Record<string, string | undefined>,
): z.infer<T> {
  // Parsed once per process: zod's eval fast path would write and compile a parser for one use (~3.5 ms of
  // the visitor function's import).
  const result = (typeof schema === 'function' ? schema() : schema).safeParse(env, { jitless: true });
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

type CalendarEnv = {
  BATON_GOOGLE_CLIENT_ID?: string | undefined;
  BATON_GOOGLE_CLIENT_SECRET?: string | undefined;
  BATON_MICROSOFT_CLIENT_ID?: string | undefined;
  BATON_MICROSOFT_CLIENT_SECRET?: string | undefined;
};

export function calendarAppsOf(config: CalendarEnv) {
  return {
    google:
      config.BATON_GOOGLE_CLIENT_ID && config.BATON_GOOGLE_CLIENT_SECRET
        ? { clientId: config.BATON_GOOGLE_CLIENT_ID, clientSecret: config.BATON_GOOGLE_CLIENT_SECRET }
        : undefined,
    microsoft:
      config.BATON_MICROSOFT_CLIENT_ID && config.BATON_MICROSOFT_CLIENT_SECRET
        ? { clientId: config.BATON_MICROSOFT_CLIENT_ID, clientSecret: config.BATON_MICROSOFT_CLIENT_SECRET }
        : undefined,
  };
}
