/**
 * A local runtime in a test that asserts a routing outcome must not race the real 300 ms enrichment budget:
 * on a loaded machine the account lookup can come late and route the visitor elsewhere. The budget itself
 * has its own test with a manual delay (test/support/manual-delay.ts).
 */
export const steadyEnrichment = { enrichmentBudgetMs: 60_000 } as const;
