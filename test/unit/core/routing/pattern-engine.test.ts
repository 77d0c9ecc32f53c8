import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PatternEngine } from '../../../../functions/core/routing/pattern-engine.js';

const pattern = { field: 'page.url', op: 'matches', pattern: '^/pricing' } as const;
const facts = { 'page.url': '/pricing/teams', answers: {} };
const rule = { id: 'r', name: 'Pricing', when: pattern, route: { type: 'pool', poolId: 'p' } } as const;

/** Fresh modules for each test: the engine is installed once per process, and these tests start without one. */
async function core() {
  const [engine, condition, compile] = await Promise.all([
    import('../../../../functions/core/routing/pattern-engine.js'),
    import('../../../../functions/core/routing/condition.js'),
    import('../../../../functions/core/routing/compile-rulebook.js'),
  ]);
  return { ...engine, ...condition, ...compile };
}

describe('a `matches` condition runs on the installed pattern engine', () => {
  beforeEach(() => {
    vi.resetModules();
  });

  it('is a wiring error, never a miss or a refused pattern, while no engine is installed', async () => {
    const { isPatternEngineInstalled, evaluateCondition, Condition, compileRules } = await core();
    expect(isPatternEngineInstalled()).toBe(false);
    expect(() => evaluateCondition(pattern, facts)).toThrow(/No pattern engine is installed/);
    expect(() => Condition.safeParse(pattern)).toThrow(/No pattern engine is installed/);
    expect(() => compileRules([rule])).toThrow(/No pattern engine is installed/);
  });

  it('validates, evaluates and compiles with the engine once it is installed', async () => {
    const { installPatternEngine, isPatternEngineInstalled, evaluateCondition, Condition, compileRules } = await core();
    const seen: string[] = [];
    const prefixOnly: PatternEngine = {
      compile(source) {
        seen.push(source);
        if (!source.startsWith('^')) throw new Error('anchored patterns only');
        return (text) => text.startsWith(source.slice(1));
      },
    };
    installPatternEngine(prefixOnly);

    expect(isPatternEngineInstalled()).toBe(true);
    expect(Condition.safeParse(pattern).success).toBe(true);
    expect(Condition.safeParse({ ...pattern, pattern: 'pricing' }).error?.issues[0]?.message).toBe(
      'not a pattern this engine accepts (RE2 syntax): anchored patterns only',
    );
    expect(evaluateCondition(pattern, facts).matched).toBe(true);
    expect(evaluateCondition(pattern, { ...facts, 'page.url': '/about' }).matched).toBe(false);
    expect(compileRules([rule]).firstMatch(facts)).toBe(0);
    expect(seen).toContain('^/pricing');
  });
});
