import type { Clock } from '../ports/clock.js';
import type { ConversationStore } from '../ports/conversation-store.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { SiteStore } from '../ports/site-store.js';
import type { AccountStore } from '../ports/account-store.js';
import type { RulebookStore } from '../ports/rulebook-store.js';
import type { VisitorStore } from '../ports/visitor-store.js';
import type { AdminAlerts } from '../ports/admin-alerts.js';
import type { DecisionStore } from '../ports/decision-store.js';
import type { Mailer } from '../ports/mailer.js';
import type { RepAvailability } from '../ports/rep-availability.js';
import type { RepDirectory } from '../ports/rep-directory.js';
import type { RoutingState } from '../ports/routing-state.js';
import type { CalendarProvider } from '../ports/calendar-provider.js';
import type { InvitationRenderer } from '../ports/invitations.js';
import type { MeetingStore } from '../ports/meeting-store.js';
import type { CrmProvider, EventWebhook } from '../ports/crm.js';
import type { Outbox } from '../ports/outbox.js';
import type { SyncStore } from '../ports/sync-store.js';
import type { LeadStore } from '../ports/lead-store.js';
import type { Timers } from '../ports/timers.js';
import type { HolidayCalendar } from '../ports/holiday-calendar.js';
import type { LeadNotifier } from '../ports/lead-notifier.js';
import type { ReportStore } from '../ports/report-store.js';
import type { RetryPolicy } from './crm/retry-policy.js';
import type { EnrichmentDependencies } from './enrich-visitor.js';
import type { LiveChatPolicy } from '../core/live-chat/live-chat.js';
import type { LiveChatStore } from '../ports/live-chat-store.js';
import type { ConnectionSender, LiveConnections } from '../ports/live-connections.js';
import type { VisitorDataStore } from '../ports/visitor-data.js';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { AbuseLimits } from '../core/limits/abuse-limits.js';
import type { LimitCounters } from '../ports/limit-counters.js';
import type { SimulationJobs } from '../ports/simulation-jobs.js';

/** Everything the use cases need from the outside world; composition builds it for AWS or for local. */
export interface Dependencies extends EnrichmentDependencies {
  clock: Clock;
  newId: IdGenerator;
  conversations: ConversationStore;
  sites: SiteStore;
  visitors: VisitorStore;
  accounts: AccountStore;
  rulebooks: RulebookStore;
  reps: RepDirectory;
  routingState: RoutingState;
  decisions: DecisionStore;
  availability: RepAvailability;
  alerts: AdminAlerts;
  mailer: Mailer;
  mailFrom: string;
  meetings: MeetingStore;
  /** The calendar providers this deployment can read, by type. */
  calendars: ReadonlyMap<string, CalendarProvider>;
  invitations: InvitationRenderer;
  /** Where visitors reach Baton, for manage links. */
  publicUrl: string;
  outbox: Outbox;
  sync: SyncStore;
  /** The configured CRMs and the event webhook; empty when none is configured. */
  crm: { providers: CrmProvider[]; webhook: EventWebhook | null };
  retryPolicy: RetryPolicy;
  leads: LeadStore;
  /** One-time timers (SLA deadlines, inactivity scoring). */
  timers: Timers;
  /** Public holidays the slot engine skips (per site and per rep). */
  holidays: HolidayCalendar;
  leadNotifier: LeadNotifier;
  liveChats: LiveChatStore;
  liveChatPolicy: LiveChatPolicy;
  liveConnections: LiveConnections;
  /** Pushes to open WebSocket connections; the local server or API Gateway's management API. */
  connectionSender: ConnectionSender;
  /** Report aggregates, kept by event consumers. */
  reports: ReportStore;
  /** Everything held about a person, for export and erasure. */
  visitorData: VisitorDataStore;
  /** Rate, booking and turn limits on the public operations (configuration; defaults in core/limits). */
  limits: AbuseLimits;
  /** The atomic counters those limits are kept on, shared by every function instance. */
  limitCounters: LimitCounters;
  /** Rulebook simulations run by a worker outside the request that asked for them. */
  simulations: SimulationJobs;
  /** Audit lines name records and counts, never personal data. */
  logger: Pick<Logger, 'warn' | 'info'>;
}
