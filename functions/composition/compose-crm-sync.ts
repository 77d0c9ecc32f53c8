import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { buildCrmTargets, crmOptionsOf } from './build-crm-targets.js';
import { buildDependencies } from './build-dependencies.js';
import { AwsConfig, parseConfig } from './config.js';
import { createLogger } from './create-logger.js';

/** The CRM-sync function: the dependencies with the configured CRMs and webhook, and no mail. */
export function composeCrmSync(env: NodeJS.ProcessEnv) {
  const config = parseConfig(AwsConfig, env);
  const logger = createLogger(config.LOG_LEVEL, 'baton-crm-sync');
  const deps = buildDependencies({
    db: createDocumentClient(),
    tableName: config.BATON_TABLE,
    logger,
    mailer: { send: () => Promise.reject(new Error('the CRM-sync function sends no mail')) },
    crm: buildCrmTargets(crmOptionsOf(config)),
  });
  return { deps, logger };
}
