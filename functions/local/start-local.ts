import type { Logger } from '@aws-lambda-powertools/logger';
import { serve, type ServerType } from '@hono/node-server';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ensureTable } from '../adapters/dynamodb/ensure-table.js';
import { createLocalClients } from '../adapters/dynamodb/local-client.js';
import type { Dependencies } from '../app/dependencies.js';
import { buildDependencies, type OAuthApp } from '../composition/build-dependencies.js';
import { AesGcmTokenCipher } from '../adapters/crypto/token-cipher.aes-gcm.js';
import type { AbuseLimits } from '../core/limits/abuse-limits.js';
import { JoseTokenVerifier } from '../adapters/auth/token-verifier.jose.js';
import { HmacVisitorSessions } from '../adapters/auth/visitor-sessions.hmac.js';
import { EmlFolderMailer } from '../adapters/mail/mailer.nodemailer.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../http/create-app.js';
import { everyRoute } from '../http/route-groups/every-route.js';
import type { RetryPolicy } from '../app/crm/retry-policy.js';
import { syncEvent } from '../app/crm/sync-event.js';
import { buildCrmTargets, type CrmOptions } from '../composition/build-crm-targets.js';
import { outboundPolicy } from '../adapters/http/outbound-guard.js';
import { runDraftSimulation } from '../app/rulebook/run-draft-simulation.js';
import { InProcessEventBus } from './in-process-bus.js';
import { deliverQueuedMail } from '../app/mail/deliver-queued-mail.js';
import { DynamoDbMailQueue } from '../adapters/dynamodb/mail-queue.dynamodb.js';
import { writesOutbox } from '../adapters/dynamodb/outbox.dynamodb.js';
import { ulid } from 'ulid';
import { sendFallbackAlert } from '../app/mail/send-fallback-alert.js';
import type { Mailer } from '../ports/mailer.js';
import { startOutboxRelay } from './outbox-relay-loop.js';
import {
  issueLocalToken,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  type LocalUser,
  localAuthSecret,
  localSessionIssuer,
  localTokenKey,
  localVisitorSecret,
} from './local-tokens.js';
import { createDemoAccounts, type DemoAccount } from './demo-accounts.js';
import { handleFunnelEvent } from '../app/funnel/handle-funnel-event.js';
import { fireTimer } from '../app/timers/fire-timer.js';
import { DynamoDbTimers } from '../adapters/dynamodb/timer-store.dynamodb.js';
import { startTimerScheduler } from './timer-scheduler.js';
import type { Clock } from '../ports/clock.js';
import { seedDemoData } from './demo-data.js';
import { startEmbeddedStore, type StoreCredentials } from './embedded-store.js';
import { attachLiveSocketServer } from './live-socket-server.js';
import type { Server } from 'node:http';
import { registerStaticSite } from './static-site.js';

const WRITE_COMMAND = /^(Put|Update|Delete|BatchWrite|TransactWrite)(Item|Items)?Command$/;
/** Without a wake to miss, the relay's sweep only retries batches that failed. */
const RELAY_SWEEP_MS = 5_000;

export interface LocalOptions {
  port: number;
  host?: string;
  /** Folder for the embedded store; null keeps everything in memory. */
  dataDir: string | null;
  /**
   * A DynamoDB server of your own (DynamoDB Local) instead of the embedded store, with the credentials to
   * sign for it; the data folder then keeps only the secret and the mail.
   */
  store?: ExternalStore | undefined;
  tableName?: string;
  logger: Logger;
  clock?: Clock;
  authSecret?: string | undefined;
  companyApi?: { baseUrl: string; apiKey: string } | undefined;
  enrichmentBudgetMs?: number;
  /** Where mail goes as .eml files; mail/ in the data folder by default. */
  mailDir?: string | undefined;
  /** Delivers the queued mail instead of the .eml folder (tests use a failing one). */
  mailer?: Mailer;
  google?: OAuthApp | undefined;
  microsoft?: OAuthApp | undefined;
  /**
   * Called for every DynamoDB command the product sends, with its name: how tests and the benchmark count
   * calls. A function it returns is called when the command has settled (how round trips are counted).
   */
  onDynamoDbCommand?: (commandName: string, input: unknown) => undefined | (() => void);
  crm?: CrmOptions | undefined;
  retryPolicy?: RetryPolicy;
  /**
   * Unset: the outbox relay is woken by each committed write, with a sweep every few seconds for batches
   * that failed. Set: it only polls at this interval (tests hold it still with a long one and flush).
   */
  relayIntervalMs?: number;
  /** How often the local scheduler fires due timers (SLA deadlines, inactivity). */
  timerIntervalMs?: number;
  /** Abuse limits on the public operations; the defaults of core/limits when unset. */
  limits?: AbuseLimits;
}

export interface ExternalStore {
  endpoint: string;
  credentials: StoreCredentials;
}

export interface LocalRuntime {
  url: string;
  storeEndpoint: string;
  /** What the embedded store accepts requests signed with (it refuses any other). */
  storeCredentials: StoreCredentials;
  mailDir: string;
  deps: Dependencies;
  /** The console's demo accounts with this run's passwords. */
  accounts: DemoAccount[];
  /** Signs a local token for the console and the API. */
  issueToken(user: LocalUser): Promise<string>;
  /** Delivers every pending domain event now. */
  flushEvents(): Promise<void>;
  /** Fires every timer due by the runtime's clock now; resolves with how many fired. */
  runDueTimers(): Promise<number>;
  close(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The whole product on one machine: embedded store, demo data, API, widget and demo site on one port. */
export async function startLocal({
  port,
  host = '127.0.0.1',
  dataDir,
  store: external,
  tableName = 'baton',
  logger,
  clock,
  authSecret,
  companyApi,
  enrichmentBudgetMs,
  mailDir,
  mailer,
  google,
  microsoft,
  onDynamoDbCommand,
  crm,
  retryPolicy,
  relayIntervalMs,
  timerIntervalMs,
  limits,
}: LocalOptions): Promise<LocalRuntime> {
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });
  // A server of one's own outlives the runtime: nothing to close but the clients.
  const store = external
    ? { ...external, requestHandler: undefined, close: async () => {} }
    : await startEmbeddedStore({ path: dataDir ?? undefined });
  const clients = createLocalClients(store.endpoint, store.credentials, store.requestHandler);
  await ensureTable(clients.raw, tableName);
  // Events leave as soon as the write that carries them commits, as a DynamoDB stream delivers them in AWS;
  // other writes (three rate-limit counters per public request) wake nothing.
  let wakeRelay = () => {};
  if (relayIntervalMs === undefined)
    clients.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (WRITE_COMMAND.test(String(context.commandName)) && writesOutbox(args.input)) wakeRelay();
        return result;
      },
      { step: 'initialize', name: 'batonRelayOnWrite' },
    );
  if (onDynamoDbCommand) {
    clients.doc.middlewareStack.add(
      (next, context) => async (args) => {
        const settled = onDynamoDbCommand(String(context.commandName), args.input);
        try {
          return await next(args);
        } finally {
          settled?.();
        }
      },
      { step: 'initialize', name: 'batonCommandCounter' },
    );
  }
  const mailFolder =
    mailDir ?? (dataDir !== null ? join(dataDir, 'mail') : join(tmpdir(), `baton-mail-${process.pid}`));
  const mailQueue = new DynamoDbMailQueue(clients.doc, tableName, () => ulid(), clock);
  // Development mode: the demo's and the tests' stand-ins listen on loopback; the Lambda functions never allow it.
  const outbound = outboundPolicy({ allowLoopback: true });
  const secret = await localAuthSecret(dataDir, authSecret);
  const tokenKey = localTokenKey(secret);
  const deps = buildDependencies({
    db: clients.doc,
    tableName,
    logger,
    companyApi,
    // Use cases queue their mail; the mail consumer below delivers it, as the mail function does in AWS.
    mailer: mailQueue,
    google,
    microsoft,
    tokenCipher: new AesGcmTokenCipher({ current: async () => tokenKey }),
    crm: buildCrmTargets(crm ?? {}, Date.now, outbound),
    outbound,
    ...(retryPolicy ? { retryPolicy } : {}),
    ...(clock ? { clock } : {}),
    ...(enrichmentBudgetMs ? { enrichmentBudgetMs } : {}),
    ...(limits ? { limits } : {}),
  });
  await seedDemoData(deps);

  // EventBridge's local stand-in: committed events reach the CRM sync in process, at least once.
  const bus = new InProcessEventBus();
  bus.subscribe('crm-sync', (event) => syncEvent(deps, event));
  bus.subscribe('funnel', (event) => handleFunnelEvent(deps, event));
  const delivery = { mailQueue, mailer: mailer ?? new EmlFolderMailer(mailFolder), logger };
  bus.subscribe('mail', (event) => deliverQueuedMail(delivery, event));
  bus.subscribe('fallback-alert', (event) => sendFallbackAlert(deps, event));
  // A simulation may replay 100,000 visitors: once claimed it runs beside the relay, and close() waits for it.
  const simulations = new Set<Promise<void>>();
  bus.subscribe('simulation', (event) =>
    runDraftSimulation(deps, event, (replay) => {
      const running = replay
        .catch((error: unknown) => logger.warn('simulation not recorded', { error: (error as Error).message }))
        .finally(() => simulations.delete(running));
      simulations.add(running);
    }),
  );
  const relay = startOutboxRelay({ outbox: deps.outbox, publisher: bus, logger }, relayIntervalMs ?? RELAY_SWEEP_MS);
  wakeRelay = relay.wake;
  // EventBridge Scheduler's local stand-in, over the timers kept in the table (a restart keeps them).
  const scheduler = startTimerScheduler({
    store: new DynamoDbTimers(clients.doc, tableName),
    fire: (timer) => fireTimer(deps, timer),
    clock: deps.clock,
    logger,
    ...(timerIntervalMs ? { intervalMs: timerIntervalMs } : {}),
  });

  const verifier = new JoseTokenVerifier({ kind: 'secret', secret, issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
  const { accounts, credentials } = await createDemoAccounts();
  const visitorSessions = new HmacVisitorSessions({ secret: localVisitorSecret(secret) });
  const app = createApp({
    deps,
    logger,
    verifier,
    visitorSessions,
    routes: everyRoute({ method: 'local', credentials, sessions: localSessionIssuer(secret) }),
  });
  registerStaticSite(app, {
    widgetDist: `${repoRoot}widget/dist`,
    demoDir: `${repoRoot}widget/demo`,
    consoleDist: `${repoRoot}console/dist`,
  });

  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, port, hostname: host }, () => resolve(started));
  });
  const { port: actualPort } = server.address() as AddressInfo;
  // Manage links point at this server; its port is known only now.
  deps.publicUrl = `http://${host}:${actualPort}`;
  const live = attachLiveSocketServer(server as Server, deps, verifier, visitorSessions);
  deps.connectionSender = live.sender;

  return {
    url: `http://${host}:${actualPort}`,
    storeEndpoint: store.endpoint,
    storeCredentials: store.credentials,
    mailDir: mailFolder,
    deps,
    accounts,
    issueToken: (user) => issueLocalToken(secret, user),
    flushEvents: () => relay.flush(),
    runDueTimers: () => scheduler.runDue(),
    async close() {
      await scheduler.stop();
      await relay.stop();
      await Promise.all(simulations);
      await live.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      clients.raw.destroy();
      clients.doc.destroy();
      // Closing the store flushes and closes its LevelDB folder, so nothing written is lost.
      await store.close();
    },
  };
}
