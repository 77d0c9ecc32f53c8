import { describe, expect, it } from 'vitest';
import { planFunnel } from '../../../../functions/core/funnel/plan-funnel.js';

const usd = (dollars: number) => ({ amount: dollars * 100, currency: 'USD' });

describe('planning the funnel backwards from revenue', () => {
  it("reproduces the seed's example: 1,000 deals, 4,000 SQLs, 13,333 MQLs a quarter, 4,444 a month", () => {
    expect(
      planFunnel({
        period: 'quarter',
        revenueTarget: usd(10_000_000),
        averageContractValue: usd(10_000),
        rates: { winRate: 0.25, mqlToSql: 0.3 },
      }),
    ).toEqual({ period: 'quarter', deals: 1000, sql: 4000, mql: 13333, mqlPerMonth: 4444 });
  });

  it('rounds only at the end, to the nearest whole number', () => {
    // 7 deals ÷ 0.3 = 23.33 SQLs; ÷ 0.3 = 77.78 MQLs a year, 6.48 a month.
    expect(
      planFunnel({
        period: 'year',
        revenueTarget: usd(70_000),
        averageContractValue: usd(10_000),
        rates: { winRate: 0.3, mqlToSql: 0.3 },
      }),
    ).toEqual({ period: 'year', deals: 7, sql: 23, mql: 78, mqlPerMonth: 6 });
  });

  it('answers nothing for amounts in different currencies', () => {
    expect(
      planFunnel({
        period: 'month',
        revenueTarget: usd(1000),
        averageContractValue: { amount: 100, currency: 'EUR' },
        rates: { winRate: 1, mqlToSql: 1 },
      }),
    ).toBeNull();
  });
});
