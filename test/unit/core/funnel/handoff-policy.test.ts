import { describe, expect, it } from 'vitest';
import { defaultHandoffPolicy, HandoffPolicy } from '../../../../functions/core/funnel/handoff-policy.js';

const withChange = (change: (policy: typeof defaultHandoffPolicy) => void) => {
  const policy = structuredClone(defaultHandoffPolicy);
  change(policy);
  return HandoffPolicy.safeParse(policy);
};

describe('the hand-off policy both teams sign', () => {
  it('takes the seed terms as they are', () => {
    expect(HandoffPolicy.parse(defaultHandoffPolicy)).toEqual(defaultHandoffPolicy);
  });

  it('refuses two rejection reasons with one id, and names the rule', () => {
    const parsed = withChange((policy) => {
      policy.rejectionReasons.push({ ...policy.rejectionReasons[0]!, label: 'Again' });
    });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(['rejection reason ids must be unique']);
  });

  it('refuses two policies for one SLA term, and names the rule', () => {
    const parsed = withChange((policy) => {
      policy.sla.push({ ...policy.sla[0]!, withinMinutes: 5 });
    });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message)).toEqual(['one policy per term']);
  });

  it('takes no SLA term at all, and one reason', () => {
    expect(
      withChange((policy) => {
        policy.sla = [];
        policy.rejectionReasons = policy.rejectionReasons.slice(0, 1);
      }).success,
    ).toBe(true);
  });
});
