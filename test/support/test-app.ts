import { defaultRulebook } from '../../functions/core/rulebook/rulebook.js';
import { JoseTokenVerifier } from '../../functions/adapters/auth/token-verifier.jose.js';
import { HmacVisitorSessions } from '../../functions/adapters/auth/visitor-sessions.hmac.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmlFolderMailer } from '../../functions/adapters/mail/mailer.nodemailer.js';
import { buildDependencies, type DependencyOptions } from '../../functions/composition/build-dependencies.js';
import { createApp } from '../../functions/http/create-app.js';
import { everyRoute } from '../../functions/http/route-groups/every-route.js';
import { outboundPolicy } from '../../functions/adapters/http/outbound-guard.js';
import {
  issueLocalToken,
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  localSessionIssuer,
} from '../../functions/local/local-tokens.js';
import { hashPassword, ScryptLocalAccounts } from '../../functions/adapters/auth/local-accounts.scrypt.js';
import type { Role } from '../../functions/ports/token-verifier.js';
import { aSite, aSteppingClock } from '../fixtures/builders.js';
import { silentLogger } from './silent-logger.js';
import { steadyEnrichment } from './steady-enrichment.js';
import { aVisitorClient, aVisitorJar } from './visitor-client.js';
import type { TestStore } from './test-store.js';
import { limitsNoTestReaches } from '../fixtures/limits.js';

export const TEST_SECRET = new TextEncoder().encode('a-test-secret-that-is-long-enough-for-hs256');
export const TEST_VISITOR_SECRET = new TextEncoder().encode('a-test-visitor-secret-of-at-least-32-bytes');

/** The local account every test app knows (password TEST_PASSWORD): a marketing owner of the test site. */
export const TEST_ACCOUNT = {
  username: 'tess',
  userId: 'tess',
  name: 'Tess (marketing)',
  roles: ['marketing' as Role],
  sites: ['test-site'],
  repId: null,
};
export const TEST_PASSWORD = 'correct horse battery staple';
let testAccountHash: Promise<string> | undefined;

/** The real app over the embedded store, called with app.request() and no server. */
export async function createTestApp(
  store: TestStore,
  options: { maxBodyBytes?: number; maxImportBytes?: number } & Partial<
    Pick<DependencyOptions, 'clock' | 'companyApi' | 'enrichmentBudgetMs' | 'delay' | 'limits' | 'timers'>
  > = {},
) {
  const { maxBodyBytes, maxImportBytes, ...depOptions } = options;
  const mailDir = mkdtempSync(join(tmpdir(), 'baton-test-mail-'));
  const deps = buildDependencies({
    db: store.doc,
    tableName: store.tableName,
    logger: silentLogger(),
    clock: aSteppingClock(),
    mailer: new EmlFolderMailer(mailDir),
    // The tests' stand-ins listen on loopback, as in the local runtime's development mode.
    outbound: outboundPolicy({ allowLoopback: true }),
    ...steadyEnrichment,
    // Tests send many requests from one address in one clock minute; the limits' own tests set theirs.
    limits: limitsNoTestReaches,
    ...depOptions,
  });
  await deps.sites.putIfAbsent(aSite());
  await deps.rulebooks.putLiveIfAbsent(aSite().siteKey, defaultRulebook, deps.clock().toISOString());
  const verifier = new JoseTokenVerifier({
    kind: 'secret',
    secret: TEST_SECRET,
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
  });
  testAccountHash ??= hashPassword(TEST_PASSWORD);
  const credentials = new ScryptLocalAccounts([{ ...TEST_ACCOUNT, passwordHash: await testAccountHash }]);
  const visitorSessions = new HmacVisitorSessions({ secret: TEST_VISITOR_SECRET });
  const app = createApp({
    deps,
    logger: silentLogger(),
    verifier,
    visitorSessions,
    routes: everyRoute({ method: 'local', credentials, sessions: localSessionIssuer(TEST_SECRET) }),
    ...(maxBodyBytes ? { maxBodyBytes } : {}),
    ...(maxImportBytes ? { maxImportBytes } : {}),
  });
  const request = async (path: string, init?: RequestInit): Promise<Response> => app.request(path, init);
  const json = (path: string, body: unknown, init: RequestInit = {}) =>
    request(path, {
      method: 'POST',
      ...init,
      headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  /** A token for the test site (an admin's: every site); a rep's token names the rep they are (their user id, unless given). */
  const tokenFor = (roles: Role[], userId = 'user-1', claims: { sites?: string[]; repId?: string | null } = {}) => {
    const repId = claims.repId === undefined ? (roles.includes('rep') ? userId : null) : claims.repId;
    return issueLocalToken(TEST_SECRET, {
      userId,
      roles,
      sites: claims.sites ?? (roles.includes('admin') ? ['*'] : [aSite().siteKey]),
      ...(repId ? { repId } : {}),
    });
  };
  const bearer = async (roles: Role[], claims: { sites?: string[]; repId?: string | null } = {}) => ({
    Authorization: `Bearer ${await tokenFor(roles, 'user-1', claims)}`,
  });
  /** A new visitor calling the public operations as the widget does (keeps and sends their token). */
  const visitor = () => aVisitorClient(async (path, init) => app.request(path, init));
  /** Every visitor of this app: sends the token of the conversation or visitor a request names. */
  const visitors = aVisitorJar(async (path, init) => app.request(path, init));
  return { app, deps, json, request, tokenFor, bearer, mailDir, visitor, visitors, visitorSessions };
}
