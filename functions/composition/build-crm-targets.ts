import type { z } from 'zod';
import { CrmMapping } from '../adapters/crm/crm-mapping.js';
import { HubSpotCrm } from '../adapters/crm/hubspot.crm.js';
import { SalesforceCrm, type SalesforceOptions } from '../adapters/crm/salesforce.crm.js';
import { SignedWebhook } from '../adapters/crm/webhook.signed.js';
import type { CrmProvider, EventWebhook } from '../ports/crm.js';
import { guardedFetch, outboundPolicy, type OutboundPolicy } from '../adapters/http/outbound-guard.js';

export interface CrmOptions {
  hubspot?: { accessToken: string; basePath?: string | undefined } | undefined;
  salesforce?: SalesforceOptions | undefined;
  webhook?: { url: string; secret: string } | undefined;
  /** Maps left out take their defaults. */
  mapping?: z.input<typeof CrmMapping> | undefined;
}

/** The CRM clients, built only where the sync runs (the CRM-sync function, the local runtime). */
export function buildCrmTargets(
  options: CrmOptions,
  now: () => number = Date.now,
  outbound: OutboundPolicy = outboundPolicy(),
): { providers: CrmProvider[]; webhook: EventWebhook | null } {
  const mapping = CrmMapping.parse(options.mapping ?? {});
  const providers: CrmProvider[] = [];
  if (options.hubspot) providers.push(new HubSpotCrm(options.hubspot, mapping, outbound));
  if (options.salesforce) providers.push(new SalesforceCrm(options.salesforce, mapping, outbound));
  return {
    providers,
    webhook: options.webhook
      ? new SignedWebhook(options.webhook.url, options.webhook.secret, now, guardedFetch(outbound))
      : null,
  };
}

type CrmEnv = Partial<
  Record<
    | 'BATON_HUBSPOT_TOKEN'
    | 'BATON_HUBSPOT_BASE_URL'
    | 'BATON_SALESFORCE_INSTANCE_URL'
    | 'BATON_SALESFORCE_TOKEN'
    | 'BATON_SALESFORCE_REFRESH_TOKEN'
    | 'BATON_SALESFORCE_CLIENT_ID'
    | 'BATON_SALESFORCE_CLIENT_SECRET'
    | 'BATON_WEBHOOK_URL'
    | 'BATON_WEBHOOK_SECRET'
    | 'BATON_CRM_MAPPING',
    string | undefined
  >
>;

/**
 * The CRM settings of the functions that sync (the environment's, checked at their cold start). Here rather than
 * in config.ts, so the functions that never sync do not build the mapping's schema at their import.
 */
export function crmOptionsOf(config: CrmEnv) {
  let mapping: unknown = {};
  try {
    mapping = config.BATON_CRM_MAPPING ? JSON.parse(config.BATON_CRM_MAPPING) : {};
  } catch {
    throw new Error('Invalid configuration:\n  BATON_CRM_MAPPING: not JSON');
  }
  const parsed = CrmMapping.safeParse(mapping);
  if (!parsed.success)
    throw new Error(
      `Invalid configuration:\n  BATON_CRM_MAPPING: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return {
    mapping: parsed.data,
    hubspot: config.BATON_HUBSPOT_TOKEN
      ? { accessToken: config.BATON_HUBSPOT_TOKEN, basePath: config.BATON_HUBSPOT_BASE_URL }
      : undefined,
    salesforce:
      config.BATON_SALESFORCE_INSTANCE_URL && config.BATON_SALESFORCE_TOKEN
        ? {
            instanceUrl: config.BATON_SALESFORCE_INSTANCE_URL,
            accessToken: config.BATON_SALESFORCE_TOKEN,
            refreshToken: config.BATON_SALESFORCE_REFRESH_TOKEN,
            clientId: config.BATON_SALESFORCE_CLIENT_ID,
            clientSecret: config.BATON_SALESFORCE_CLIENT_SECRET,
          }
        : undefined,
    webhook:
      config.BATON_WEBHOOK_URL && config.BATON_WEBHOOK_SECRET
        ? { url: config.BATON_WEBHOOK_URL, secret: config.BATON_WEBHOOK_SECRET }
        : undefined,
  };
}
