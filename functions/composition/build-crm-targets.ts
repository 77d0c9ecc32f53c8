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
