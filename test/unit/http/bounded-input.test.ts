import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRulebookContent } from '../../../functions/core/rulebook/rulebook.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

const nested = (levels: number) => {
  let condition: unknown = { field: 'score', op: 'exists' };
  for (let level = 1; level < levels; level += 1) condition = { not: condition };
  return condition;
};
const withRule = (when: unknown) => ({
  ...defaultRulebookContent,
  rules: [
    { id: 'deep', name: 'Deep', when, route: { type: 'nurture', nurtureId: defaultRulebookContent.nurtures[0]!.id } },
  ],
});

describe('bounded rulebook input at save', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
  });
  afterAll(() => store.close());

  const put = async (body: unknown) =>
    t.request('/v1/sites/test-site/rulebook/draft', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...(await t.bearer(['marketing'])) },
      body: JSON.stringify(body),
    });
  const pointers = async (response: Response) =>
    ((await response.json()) as { errors: Array<{ pointer: string }> }).errors.map((error) => error.pointer);

  it('refuses a draft whose condition nests 1,300 levels, keeps every stored item and keeps answering', async () => {
    const before = await store.allItems();

    const response = await put(withRule(nested(1300)));

    expect(response.status).toBe(400);
    expect(await store.allItems()).toEqual(before);
    expect((await t.request('/health')).status).toBe(200);
  });

  it('saves a condition nested 8 levels deep and refuses 9 with the pointer of the rule', async () => {
    expect((await put(withRule(nested(8)))).status).toBe(200);
    const refused = await put(withRule(nested(9)));
    expect(refused.status).toBe(400);
    expect((await pointers(refused)).every((pointer) => pointer.startsWith('/rules/0/when'))).toBe(true);
  });

  it('refuses an unknown field nested inside the scoring model with its pointer, instead of dropping it', async () => {
    const body = {
      ...defaultRulebookContent,
      scoring: {
        ...defaultRulebookContent.scoring,
        negative: { ...defaultRulebookContent.scoring.negative, surprise: 5 },
      },
    };
    const response = await put(body);
    expect(response.status).toBe(400);
    expect(await pointers(response)).toContain('/scoring/negative/surprise');
  });

  it('refuses a pattern the linear-time engine cannot run, with its JSON pointer', async () => {
    const response = await put(withRule({ field: 'page.url', op: 'matches', pattern: '(a)\\1' }));
    expect(response.status).toBe(400);
    expect(await pointers(response)).toContain('/rules/0/when/pattern');
  });
});
