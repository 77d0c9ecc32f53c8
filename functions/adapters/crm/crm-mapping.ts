import { z } from 'zod';

/**
 * How Baton's values become the CRM's: rep ids to CRM owner ids, funnel stages to HubSpot lifecycle
 * stages and lead statuses and to Salesforce Lead statuses. Configurable per deployment (a portal's
 * own picklist values); a stage missing from a map falls back to the adapter's default.
 */
export const CrmMapping = z.object({
  owners: z
    .record(z.string(), z.object({ hubspot: z.string().optional(), salesforce: z.string().optional() }))
    .default({}),
  hubspotStages: z.record(z.string(), z.string()).default({
    visitor: 'subscriber',
    lead: 'lead',
    mql: 'marketingqualifiedlead',
    sal: 'salesqualifiedlead',
    sql: 'salesqualifiedlead',
    opportunity: 'opportunity',
    won: 'customer',
    lost: 'other',
    recycled: 'lead',
    disqualified: 'other',
    customer: 'customer',
    nurture: 'lead',
  }),
  /** HubSpot's default `hs_lead_status` options. */
  hubspotLeadStatuses: z.record(z.string(), z.string()).default({
    lead: 'NEW',
    mql: 'NEW',
    sal: 'OPEN',
    sql: 'IN_PROGRESS',
    opportunity: 'OPEN_DEAL',
    won: 'CONNECTED',
    lost: 'UNQUALIFIED',
    recycled: 'BAD_TIMING',
    disqualified: 'UNQUALIFIED',
  }),
  salesforceStatuses: z.record(z.string(), z.string()).default({
    visitor: 'Open - Not Contacted',
    lead: 'Open - Not Contacted',
    mql: 'Open - Not Contacted',
    sal: 'Working - Contacted',
    sql: 'Working - Contacted',
    opportunity: 'Closed - Converted',
    won: 'Closed - Converted',
    lost: 'Closed - Not Converted',
    recycled: 'Closed - Not Converted',
    disqualified: 'Closed - Not Converted',
    customer: 'Closed - Converted',
    nurture: 'Closed - Not Converted',
  }),
});
export type CrmMapping = z.infer<typeof CrmMapping>;
