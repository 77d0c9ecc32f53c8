import { describe, expect, it } from 'vitest';
import { crmOptionsOf } from '../../../functions/composition/build-crm-targets.js';

describe('the CRM settings of a function that syncs', () => {
  it('turn on each CRM whose settings are given, and nothing without them', () => {
    expect(crmOptionsOf({})).toMatchObject({ hubspot: undefined, salesforce: undefined, webhook: undefined });
    expect(crmOptionsOf({ BATON_HUBSPOT_TOKEN: 'token' }).hubspot).toEqual({
      accessToken: 'token',
      basePath: undefined,
    });
    expect(
      crmOptionsOf({ BATON_WEBHOOK_URL: 'https://hooks.example.com', BATON_WEBHOOK_SECRET: 's'.repeat(16) }).webhook,
    ).toEqual({ url: 'https://hooks.example.com', secret: 's'.repeat(16) });
  });

  it('take the mapping from the environment over its defaults', () => {
    const { mapping } = crmOptionsOf({ BATON_CRM_MAPPING: JSON.stringify({ hubspotStages: { lead: 'custom' } }) });

    expect(mapping.hubspotStages).toEqual({ lead: 'custom' });
    expect(mapping.salesforceStatuses.lead).toBe('Open - Not Contacted');
  });

  it('refuse a mapping that is not JSON or not a mapping, naming the setting', () => {
    expect(() => crmOptionsOf({ BATON_CRM_MAPPING: '{not json' })).toThrow(/BATON_CRM_MAPPING: not JSON/);
    expect(() => crmOptionsOf({ BATON_CRM_MAPPING: JSON.stringify({ owners: 'nobody' }) })).toThrow(
      /BATON_CRM_MAPPING/,
    );
  });
});
