import { resolve } from 'node:path';
import { crmOptionsOf } from '../composition/build-crm-targets.js';
import { abuseLimitsOf, calendarAppsOf, companyApiOf, LocalConfig, parseConfig } from '../composition/config.js';
import { createLogger } from '../composition/create-logger.js';
import { startLocal } from './start-local.js';

const config = parseConfig(LocalConfig, process.env);
const logger = createLogger(config.LOG_LEVEL);
const dataDir = config.BATON_MEMORY ? null : resolve(config.BATON_DATA_DIR);

const runtime = await startLocal({
  port: config.PORT,
  host: config.HOST,
  dataDir,
  tableName: config.BATON_TABLE,
  logger,
  authSecret: config.BATON_AUTH_SECRET,
  companyApi: companyApiOf(config),
  enrichmentBudgetMs: config.BATON_ENRICHMENT_BUDGET_MS,
  mailDir: config.BATON_MAIL_DIR,
  ...calendarAppsOf(config),
  crm: crmOptionsOf(config),
  relayIntervalMs: config.BATON_RELAY_INTERVAL_MS,
  limits: abuseLimitsOf(config),
});
const marketingToken = await runtime.issueToken({
  userId: 'maria',
  name: 'Maria (marketing)',
  roles: ['marketing'],
  sites: ['demo', 'demo-consent'],
});
const salesToken = await runtime.issueToken({
  userId: 'sam',
  name: 'Sam (sales)',
  roles: ['sales'],
  sites: ['demo', 'demo-consent'],
});
const repToken = await runtime.issueToken({
  userId: 'ana',
  name: 'Ana (rep)',
  roles: ['rep'],
  sites: ['demo', 'demo-consent'],
  repId: 'rep-ana',
});

process.stdout.write(
  [
    '',
    'Baton is running on this machine.',
    `  demo website with the chat widget  ${runtime.url}/`,
    `  console                            ${runtime.url}/admin`,
    `  API reference                      ${runtime.url}/docs`,
    `  OpenAPI document                   ${runtime.url}/openapi.json`,
    `  health                             ${runtime.url}/health`,
    `  data                               ${dataDir ?? 'in memory (BATON_MEMORY=1): gone when stopped'}`,
    `  outgoing mail (.eml)               ${runtime.mailDir}`,
    '',
    'Console accounts (passwords made for this run):',
    ...runtime.accounts.map(
      (account) =>
        `  ${account.username.padEnd(6)} ${account.password}  ${account.roles.join(', ')} on ${account.sites.join(', ')}${account.repId ? ` (rep ${account.repId})` : ''}`,
    ),
    '',
    'Demo tokens for the protected API (12 h; send as "Authorization: Bearer …"):',
    `  marketing (maria)  ${marketingToken}`,
    `  sales (sam)        ${salesToken}`,
    `  rep (ana)          ${repToken}`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    runtime.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('stop failed', error as Error);
        process.exit(1);
      },
    );
  });
}
