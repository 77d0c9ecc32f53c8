import { z } from 'zod';

/** How Baton's values become the CRM's: rep ids to CRM owner ids, funnel stages to lifecycle stages. Configurable per deployment. */
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
    customer: 'customer',
    nurture: 'lead',
  }),
  salesforceStatuses: z.record(z.string(), z.string()).default({
    visitor: 'Open - Not Contacted',
    lead: 'Open - Not Contacted',
    mql: 'Open - Not Contacted',
    sal: 'Working - Contacted',
    sql: 'Working - Contacted',
    opportunity: 'Closed - Converted',
    customer: 'Closed - Converted',
    nurture: 'Closed - Not Converted',
  }),
});
export type CrmMapping = z.infer<typeof CrmMapping>;

export const defaultCrmMapping: CrmMapping = CrmMapping.parse({});
