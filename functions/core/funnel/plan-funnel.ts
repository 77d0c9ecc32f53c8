import { z } from 'zod';

export const Money = z
  .object({
    /** Minor units (cents). */
    amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
  })
  .strict();
export type Money = z.infer<typeof Money>;

const Rate = z.number().gt(0).max(1);

export const FunnelPlanRequest = z
  .object({
    period: z.enum(['month', 'quarter', 'year']),
    revenueTarget: Money,
    averageContractValue: Money,
    rates: z.object({ winRate: Rate, mqlToSql: Rate }).strict(),
  })
  .strict();
export type FunnelPlanRequest = z.infer<typeof FunnelPlanRequest>;

export interface FunnelPlan {
  period: FunnelPlanRequest['period'];
  deals: number;
  sql: number;
  mql: number;
  mqlPerMonth: number;
}

const MONTHS = { month: 1, quarter: 3, year: 12 } as const;

/**
 * The reverse funnel (seed 004's HubSpot example): revenue ÷ contract value = deals; ÷ win rate = SQLs;
 * ÷ MQL→SQL rate = MQLs. Each count is rounded to the nearest whole number only at the end, so
 * rounding never compounds down the funnel. Null when the two amounts are in different currencies.
 */
export function planFunnel(request: FunnelPlanRequest): FunnelPlan | null {
  if (request.revenueTarget.currency !== request.averageContractValue.currency) return null;
  const deals = request.revenueTarget.amount / request.averageContractValue.amount;
  const sql = deals / request.rates.winRate;
  const mql = sql / request.rates.mqlToSql;
  return {
    period: request.period,
    deals: Math.round(deals),
    sql: Math.round(sql),
    mql: Math.round(mql),
    mqlPerMonth: Math.round(mql / MONTHS[request.period]),
  };
}
