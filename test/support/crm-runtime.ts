import type { CrmOptions } from '../../functions/composition/build-crm-targets.js';
import type { LocalOptions } from '../../functions/local/start-local.js';
import { startHubSpotStandIn, startSalesforceStandIn, startWebhookStandIn } from './crm-stand-ins.js';
import { startTestRuntime } from './test-runtime.js';

/** What the webhook stand-in checks signatures with. */
export const WEBHOOK_SECRET = 'webhook-secret-0123456789';

/**
 * The whole product in memory syncing to stand-in HubSpot, Salesforce and webhook servers: the relay held
 * still (tests flush it), CRM retries without waiting. Options override the defaults; `mapping` is the CRM
 * mapping (defaults for what it leaves out).
 */
export async function startLocalWithCrms(options: Partial<LocalOptions> & { mapping?: CrmOptions['mapping'] } = {}) {
  const { mapping, ...local } = options;
  const [hubspot, salesforce, webhook] = await Promise.all([
    startHubSpotStandIn('hs-token'),
    startSalesforceStandIn('sf-token'),
    startWebhookStandIn(),
  ]);
  const runtime = await startTestRuntime({
    relayIntervalMs: 3_600_000,
    retryPolicy: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5, sleep: async () => undefined },
    ...local,
    crm: {
      hubspot: { accessToken: 'hs-token', basePath: hubspot.url },
      salesforce: { instanceUrl: salesforce.url, accessToken: 'sf-token' },
      webhook: { url: `${webhook.url}/baton-events`, secret: WEBHOOK_SECRET },
      mapping,
    },
  });
  return {
    runtime,
    hubspot,
    salesforce,
    webhook,
    close: async () => {
      await runtime.close();
      await Promise.all([hubspot.close(), salesforce.close(), webhook.close()]);
    },
  };
}

export type LocalWithCrms = Awaited<ReturnType<typeof startLocalWithCrms>>;
