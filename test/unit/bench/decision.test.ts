import { describe, expect, it } from 'vitest';
import { benchDecision } from '../../../bench/decision.js';

describe('the decision benchmark', () => {
  it('reports five timed runs of decisions that each reach a rep through rule 480', async () => {
    const result = await benchDecision(50);

    expect(result.runs).toBe(5);
    expect(result.p99_us_runs).toHaveLength(5);
    expect(result.outcome).toBe('rep via rule-480');
    expect(result.p99_us).toBeGreaterThanOrEqual(result.p50_us);
    expect(result.record_bytes).toBeLessThanOrEqual(4096);
  });
});
