import { resolve } from 'node:path';
import { LocalConfig, parseConfig } from '../composition/config.js';
import { issueLocalToken, localAuthSecret } from './local-tokens.js';

/**
 * `npm run replay-syncs -- <siteKey>`: asks the running local server to send the failed CRM syncs
 * again (the replayFailedSyncs operation), signed with the data folder's secret.
 */
const config = parseConfig(LocalConfig, process.env);
const siteKey = process.argv[2] ?? 'demo';
const secret = await localAuthSecret(
  config.BATON_MEMORY ? null : resolve(config.BATON_DATA_DIR),
  config.BATON_AUTH_SECRET,
);
const token = await issueLocalToken(secret, { userId: 'replay-command', roles: ['marketing'], sites: [siteKey] }, '5m');
const response = await fetch(
  `http://${config.HOST}:${config.PORT}/v1/sites/${encodeURIComponent(siteKey)}/sync/replay`,
  { method: 'POST', headers: { Authorization: `Bearer ${token}` } },
);
console.log(response.status, await response.text());
process.exit(response.ok ? 0 : 1);
