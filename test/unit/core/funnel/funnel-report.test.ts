import { describe, expect, it } from 'vitest';
import {
  complianceOf,
  funnelCounts,
  histogramPercentile,
  speedToLeadBucket,
  sumCounters,
} from '../../../../functions/core/funnel/funnel-report.js';

describe('the speed-to-lead bucket of a first touch', () => {
  it.each([
    [0, 'stl:m1'],
    [1, 'stl:m1'],
    [60, 'stl:m1'],
    [61, 'stl:m2'],
    [1440 * 60, 'stl:m1440'],
    [1440 * 60 + 1, 'stl:h25'],
    [25 * 3600, 'stl:h25'],
    [25 * 3600 + 1, 'stl:h26'],
    [720 * 3600, 'stl:h720'],
    [720 * 3600 + 1, 'stl:over'],
  ])('puts %s seconds in %s', (seconds, bucket) => {
    expect(speedToLeadBucket(seconds)).toBe(bucket);
  });
});

describe('a percentile over the speed-to-lead histogram', () => {
  it('is the upper bound of the smallest bucket holding at least that share, by nearest rank', () => {
    const counters = { 'stl:h2': 1, 'stl:m5': 2, 'stl:m1': 1, 'stl:over': 0, 'entered:mql': 50 };

    expect(histogramPercentile(counters, 0.25)).toBe(60);
    expect(histogramPercentile(counters, 0.26)).toBe(300);
    expect(histogramPercentile(counters, 0.75)).toBe(300);
    expect(histogramPercentile(counters, 0.76)).toBe(7200);
    expect(histogramPercentile(counters, 1)).toBe(7200);
  });

  it('has no value without first touches, or when it falls among the ones over 30 days', () => {
    expect(histogramPercentile({}, 0.5)).toBeNull();
    expect(histogramPercentile({ 'stl:m3': 0, 'entered:lead': 4 }, 0.5)).toBeNull();
    expect(histogramPercentile({ 'stl:m3': 1, 'stl:over': 1 }, 0.5)).toBe(180);
    expect(histogramPercentile({ 'stl:m3': 1, 'stl:over': 1 }, 0.51)).toBeNull();
  });

  it('orders buckets by their bound, not their name', () => {
    expect(histogramPercentile({ 'stl:m10': 1, 'stl:m9': 1, 'stl:h1': 1 }, 0.34)).toBe(600);
  });
});

describe('counters summed over rows', () => {
  it('adds each counter across rows, keeping those only one row has', () => {
    expect(sumCounters([{ counters: { a: 1, b: 2 } }, { counters: { b: 3, c: 4 } }, { counters: {} }])).toEqual({
      a: 1,
      b: 5,
      c: 4,
    });
    expect(sumCounters([])).toEqual({});
  });
});

describe('the funnel of a period', () => {
  it('counts entries into each stage and converts each stage into the next, to four decimals', () => {
    const counts = funnelCounts({
      'entered:lead': 100,
      'entered:mql': 30,
      'entered:sal': 20,
      'entered:sql': 7,
      'entered:opportunity': 3,
      'entered:won': 1,
      'entered:disqualified': 2,
      'other:x': 9,
    });

    expect(counts).toEqual({
      entered: {
        lead: 100,
        mql: 30,
        sal: 20,
        sql: 7,
        opportunity: 3,
        won: 1,
        lost: 0,
        recycled: 0,
        disqualified: 2,
      },
      conversion: { mqlToSal: 0.6667, salToSql: 0.35, sqlToOpportunity: 0.4286, opportunityToWon: 0.3333 },
    });
  });

  it('has no conversion out of a stage nobody entered', () => {
    expect(funnelCounts({ 'entered:sal': 2 }).conversion).toEqual({
      mqlToSal: null,
      salToSql: 0,
      sqlToOpportunity: null,
      opportunityToWon: null,
    });
  });
});

describe('SLA compliance', () => {
  it.each([
    [3, 1, 0.75],
    [0, 2, 0],
    [2, 0, 1],
    [0, 0, null],
    [1, 2, 0.3333],
  ])('with %s met and %s breached is %s', (met, breached, compliance) => {
    expect(complianceOf(met, breached)).toBe(compliance);
  });
});
