import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { TokenCipher } from '../ports/token-cipher.js';
import { DynamoDbAccountStore } from '../adapters/dynamodb/account-store.dynamodb.js';
import { coalescedReads } from '../adapters/dynamodb/coalesced-reads.js';
import { DynamoDbConversationStore } from '../adapters/dynamodb/conversation-store.dynamodb.js';
import { DynamoDbEnrichmentCache } from '../adapters/dynamodb/enrichment-cache.dynamodb.js';
import { DynamoDbRulebookStore } from '../adapters/dynamodb/rulebook-store.dynamodb.js';
import { DynamoDbSiteStore } from '../adapters/dynamodb/site-store.dynamodb.js';
import { DynamoDbVisitorStore } from '../adapters/dynamodb/visitor-store.dynamodb.js';
import { CachedCompanyEnrichment } from '../adapters/enrichment/cached-company-enrichment.js';
import { HttpCompanyEnrichment } from '../adapters/enrichment/company-api.http.js';
import { PackageListEmailClassifier } from '../adapters/enrichment/email-classifier.package-lists.js';
import { MailAndWebhookAlerts } from '../adapters/alerts/admin-alerts.js';
import { DynamoDbDecisionStore } from '../adapters/dynamodb/decision-store.dynamodb.js';
import { DynamoDbRepDirectory } from '../adapters/dynamodb/rep-directory.dynamodb.js';
import { DynamoDbRoutingState } from '../adapters/dynamodb/routing-state.dynamodb.js';
import { SlotAvailability } from '../app/scheduling/slot-availability.js';
import { DateHolidaysCalendar } from '../adapters/holidays/date-holidays-calendar.js';
import { IcsFeedCalendar } from '../adapters/calendar/ics-feed.calendar.js';
import { IcsInvitationRenderer } from '../adapters/calendar/invitation.ics.js';
import { DynamoDbCalendarConnections } from '../adapters/dynamodb/calendar-connections.dynamodb.js';
import { DynamoDbMeetingStore } from '../adapters/dynamodb/meeting-store.dynamodb.js';
import type { CalendarProvider } from '../ports/calendar-provider.js';
import { DynamoDbOutbox } from '../adapters/dynamodb/outbox.dynamodb.js';
import { DynamoDbSyncStore } from '../adapters/dynamodb/sync-store.dynamodb.js';
import { defaultRetryPolicy, type RetryPolicy } from '../app/crm/retry-policy.js';
import type { CrmProvider, EventWebhook } from '../ports/crm.js';
import type { Dependencies } from '../app/dependencies.js';
import { DynamoDbLeadStore } from '../adapters/dynamodb/lead-store.dynamodb.js';
import { DynamoDbTimers } from '../adapters/dynamodb/timer-store.dynamodb.js';
import { MailAndWebhookLeadNotifier } from '../adapters/notifications/lead-notifier.mail-webhook.js';
import type { Timers } from '../ports/timers.js';
import type { Mailer } from '../ports/mailer.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Delay } from '../ports/delay.js';
import { timerDelay } from '../adapters/time/timer-delay.js';
import { DynamoDbLiveChatStore } from '../adapters/dynamodb/live-chat-store.dynamodb.js';
import { DynamoDbLiveConnections } from '../adapters/dynamodb/live-connections.dynamodb.js';
import { defaultLiveChatPolicy, type LiveChatPolicy } from '../core/live-chat/live-chat.js';
import type { ConnectionSender } from '../ports/live-connections.js';
import { type AbuseLimits, defaultAbuseLimits } from '../core/limits/abuse-limits.js';
import { DynamoDbLimitCounters } from '../adapters/dynamodb/limit-counters.dynamodb.js';
import { adapterOnFirstUse } from '../bundling/on-first-use.js';
import { guardedFetch, outboundPolicy, type OutboundPolicy } from '../adapters/http/outbound-guard.js';

export interface DependencyOptions {
  db: DynamoDBDocumentClient;
  tableName: string;
  logger: Logger;
  clock?: Clock;
  newId?: IdGenerator;
  /** The company-by-domain enrichment API; none when not configured. */
  companyApi?: { baseUrl: string; apiKey: string } | undefined;
  enrichmentBudgetMs?: number;
  /** How time budgets wait; tests pass one they control. */
  delay?: Delay;
  mailer: Mailer;
  /** Sender of Baton's own mail (alerts, invitations). */
  mailFrom?: string;
  publicUrl?: string;
  /** OAuth apps for reps' Google and Microsoft calendars; those providers are off when unset. */
  google?: OAuthApp | undefined;
  microsoft?: OAuthApp | undefined;
  /** Built by `buildCrmTargets` where the CRM sync runs; the API function needs none (keeps its bundle small). */
  crm?: { providers: CrmProvider[]; webhook: EventWebhook | null } | undefined;
  retryPolicy?: RetryPolicy;
  /** The timer adapter; timers kept in the table (for the local scheduler) when unset. */
  timers?: Timers;
  liveChatPolicy?: LiveChatPolicy;
  /** Where live pushes go; none (every push dropped) where no WebSocket endpoint serves this deployment. */
  connectionSender?: ConnectionSender;
  /** Where calendar feeds, calendar APIs, enrichment and webhooks may go; public https only unless it says otherwise. */
  outbound?: OutboundPolicy;
  /** Abuse limits on the public operations; the defaults of core/limits when unset. */
  limits?: AbuseLimits;
  /** Seals reps' Google and Microsoft calendar tokens at rest: required with either OAuth app. */
  tokenCipher?: TokenCipher | undefined;
}

/** OAuth refresh tokens are never stored in plain text: a calendar app without a key is a wiring mistake, found at start. */
function sealingWith(cipher: TokenCipher | undefined): TokenCipher {
  if (!cipher) throw new Error('Google and Microsoft calendars need a token cipher (their tokens are sealed at rest).');
  return cipher;
}

/**
 * A Google or Microsoft calendar read with its first call (its module and the OAuth client's build their
 * response schemas when read), so a start, and a function that never reads a rep's calendar, builds none.
 */
function calendarOnFirstUse(type: CalendarProvider['type'], load: () => Promise<CalendarProvider>): CalendarProvider {
  const { busy, createEvent, deleteEvent } = adapterOnFirstUse<Omit<CalendarProvider, 'type'>>(load);
  return { type, busy, createEvent, deleteEvent };
}

/** A deployment without a WebSocket endpoint: clients poll, and nothing is pushed. */
const noConnections: ConnectionSender = { send: async () => true };

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  tokenUrl?: string;
  apiBaseUrl?: string;
}

// One classifier per process: its lists load once, on first use.
const emailClassifier = new PackageListEmailClassifier();

/** The single place adapters are built; the same wiring serves Lambda and the local runtime. */
export function buildDependencies({
  db,
  tableName,
  logger,
  clock = () => new Date(),
  newId = () => ulid(),
  companyApi,
  enrichmentBudgetMs = 300,
  delay = timerDelay,
  mailer,
  mailFrom = 'Baton <baton@localhost>',
  publicUrl = 'http://127.0.0.1:3000',
  google,
  microsoft,
  crm = { providers: [], webhook: null },
  retryPolicy = defaultRetryPolicy,
  timers = new DynamoDbTimers(db, tableName),
  liveChatPolicy = defaultLiveChatPolicy,
  connectionSender = noConnections,
  outbound = outboundPolicy(),
  limits = defaultAbuseLimits,
  tokenCipher,
}: DependencyOptions): Dependencies {
  const fetch = guardedFetch(outbound);
  const calendars = new Map<string, CalendarProvider>([['ics', new IcsFeedCalendar({ fetch })]]);
  const connections =
    google || microsoft ? new DynamoDbCalendarConnections(db, tableName, sealingWith(tokenCipher)) : undefined;
  const oauthClient = async (app: OAuthApp, tokenUrl: string, sealed: DynamoDbCalendarConnections) => {
    const { OAuthHttpClient } = await import('../adapters/calendar/oauth-http-client.js');
    return new OAuthHttpClient({
      tokenUrl: app.tokenUrl ?? tokenUrl,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      fetch,
      connections: sealed,
    });
  };
  if (google && connections) {
    calendars.set(
      'google',
      calendarOnFirstUse('google', async () => {
        const { GoogleCalendar } = await import('../adapters/calendar/google.calendar.js');
        return new GoogleCalendar(
          await oauthClient(google, 'https://oauth2.googleapis.com/token', connections),
          google.apiBaseUrl,
        );
      }),
    );
  }
  if (microsoft && connections) {
    calendars.set(
      'microsoft',
      calendarOnFirstUse('microsoft', async () => {
        const { MicrosoftGraphCalendar } = await import('../adapters/calendar/microsoft-graph.calendar.js');
        return new MicrosoftGraphCalendar(
          await oauthClient(microsoft, 'https://login.microsoftonline.com/common/oauth2/v2.0/token', connections),
          microsoft.apiBaseUrl,
        );
      }),
    );
  }
  const meetings = new DynamoDbMeetingStore(db, tableName);
  const sites = new DynamoDbSiteStore(db, tableName);
  const holidays = new DateHolidaysCalendar();
  // The stores a routing turn reads by key beside each other: their reads leave as one BatchGetItem.
  const together = coalescedReads(db);
  return {
    clock,
    newId,
    logger,
    enrichmentBudgetMs,
    delay,
    emailClassifier,
    companyEnrichment: companyApi
      ? new CachedCompanyEnrichment(
          new HttpCompanyEnrichment({ ...companyApi, fetch }),
          new DynamoDbEnrichmentCache(db, tableName, clock),
        )
      : null,
    conversations: new DynamoDbConversationStore(db, tableName, clock),
    sites,
    visitors: new DynamoDbVisitorStore(together, tableName, clock),
    accounts: new DynamoDbAccountStore(together, tableName),
    rulebooks: new DynamoDbRulebookStore(db, tableName),
    reps: new DynamoDbRepDirectory(together, tableName),
    routingState: new DynamoDbRoutingState(db, tableName),
    decisions: new DynamoDbDecisionStore(db, tableName),
    availability: new SlotAvailability({ clock, meetings, calendars, sites, holidays }),
    holidays,
    mailer,
    mailFrom,
    meetings,
    calendars,
    invitations: new IcsInvitationRenderer(),
    publicUrl,
    outbox: new DynamoDbOutbox(db, tableName),
    sync: new DynamoDbSyncStore(db, tableName, () => clock().getTime()),
    crm,
    retryPolicy,
    alerts: new MailAndWebhookAlerts(mailer, mailFrom, logger, fetch),
    leads: new DynamoDbLeadStore(db, tableName),
    timers,
    leadNotifier: new MailAndWebhookLeadNotifier(mailer, mailFrom, fetch),
    liveChats: new DynamoDbLiveChatStore(db, tableName),
    liveChatPolicy,
    liveConnections: new DynamoDbLiveConnections(db, tableName, clock),
    connectionSender,
    // Stores no visitor request calls (reports, erasure and export, simulation jobs): read on first use.
    reports: adapterOnFirstUse(() =>
      import('../adapters/dynamodb/report-store.dynamodb.js').then((m) => new m.DynamoDbReportStore(db, tableName)),
    ),
    visitorData: adapterOnFirstUse(() =>
      import('../adapters/dynamodb/visitor-data.dynamodb.js').then((m) => new m.DynamoDbVisitorData(db, tableName)),
    ),
    limits,
    limitCounters: new DynamoDbLimitCounters(db, tableName),
    simulations: adapterOnFirstUse(() =>
      import('../adapters/dynamodb/simulation-jobs.dynamodb.js').then(
        (m) => new m.DynamoDbSimulationJobs(db, tableName),
      ),
    ),
  };
}
