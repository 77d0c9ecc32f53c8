import { handle } from 'hono/aws-lambda';
import { createDocumentClient } from '../adapters/dynamodb/document-client.js';
import { SesMailer } from '../adapters/mail/mailer.nodemailer.js';
import { JoseTokenVerifier } from '../adapters/auth/token-verifier.jose.js';
import { buildDependencies } from '../composition/build-dependencies.js';
import { ApiConfig, calendarAppsOf, companyApiOf, hostedSignInOf, parseConfig } from '../composition/config.js';
import { createLogger } from '../composition/create-logger.js';
import { createApp } from '../http/create-app.js';

const config = parseConfig(ApiConfig, process.env);
const logger = createLogger(config.LOG_LEVEL);
const deps = buildDependencies({
  db: createDocumentClient(),
  tableName: config.BATON_TABLE,
  logger,
  companyApi: companyApiOf(config),
  enrichmentBudgetMs: config.BATON_ENRICHMENT_BUDGET_MS,
  mailer: new SesMailer(),
  mailFrom: config.BATON_MAIL_FROM,
  publicUrl: config.BATON_PUBLIC_URL,
  ...calendarAppsOf(config),
});
const verifier = new JoseTokenVerifier({
  kind: 'jwks',
  jwksUrl: `${config.BATON_JWT_ISSUER}/.well-known/jwks.json`,
  issuer: config.BATON_JWT_ISSUER,
  audience: config.BATON_JWT_AUDIENCE,
});

/** API Gateway HTTP API (payload v2) → the one Hono app. */
const signIn = hostedSignInOf(config);
export const handler = handle(createApp({ deps, logger, verifier, ...(signIn ? { signIn } : {}) }));
