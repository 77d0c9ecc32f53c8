import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeConversation } from '../../functions/app/route-conversation.js';
import { explainRules } from '../../functions/core/routing/plan-route.js';
import { routingFactsOf } from '../../functions/core/routing/routing-facts.js';
import type { Rulebook, RoutingRule } from '../../functions/core/rulebook/rulebook.js';
import { rescoreVisitor } from '../../functions/core/visitors/rescore-visitor.js';
import { aConversation, aRep } from '../fixtures/builders.js';
import { aRulebook } from '../fixtures/rulebooks.js';
import { aVisitor, NOW } from '../fixtures/visitors.js';
import { createTestApp } from '../support/test-app.js';
import { startTestStore, type TestStore } from '../support/test-store.js';

/** 78 rules, each looking for any of 12 campaign markers in the landing URL: a valid rulebook of about 77 KB. */
function aLargeRulebook(version: number): Rulebook {
  const rules: RoutingRule[] = Array.from({ length: 78 }, (_, i) => ({
    id: `campaign-${i}`,
    name: `Campaign ${i} landing pages`,
    when: {
      any: Array.from({ length: 12 }, (_, j) => ({
        field: 'page.url',
        op: 'contains' as const,
        value: i === 77 && j === 11 ? 'spring-pricing' : `campaign-${i}-variant-${j}`,
      })),
    },
    route: { type: 'pool', poolId: 'inbound' },
  }));
  return aRulebook({ rules }, version);
}

const LONG_URL = `https://www.example.com/spring-pricing?utm_source=newsletter&utm_medium=email&ref=${'x'.repeat(523)}`;

describe('the routing decision record', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  const rulebook = aLargeRulebook(2);
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store, { clock: () => NOW });
    for (const repId of ['rep-ana', 'rep-ben', 'rep-carla']) await t.deps.reps.put('test-site', aRep(repId));
    const { version, ...content } = rulebook;
    await t.deps.rulebooks.publish(
      'test-site',
      { version, content, contentHash: 'h2', publishedAt: NOW.toISOString(), signatures: [] },
      1,
    );
  });
  afterAll(() => store.close());

  it('stores a few KB for a 77 KB rulebook and a 605-character URL, and explains it on read as the full record did', async () => {
    expect(JSON.stringify(rulebook).length).toBeGreaterThan(70_000);
    expect(JSON.stringify(rulebook).length).toBeLessThan(85_000);
    expect(LONG_URL).toHaveLength(605);
    const visitor = aVisitor({
      visitorId: '01JD3Q8Y8M4S0W6Q9V2ZD00001',
      version: 1,
      pageViews: [
        {
          url: LONG_URL,
          path: '/spring-pricing',
          title: null,
          referrer: null,
          at: NOW.toISOString(),
          timeOnPageMs: null,
        },
      ],
    });
    await t.deps.visitors.save(visitor);
    const conversation = aConversation({
      id: '01JD3Q8Y8M4S0W6Q9V2ZD00002',
      visitorId: visitor.visitorId,
      rulebookVersion: 2,
    });

    const decision = await routeConversation(t.deps, conversation, { need: 'pricing' });

    // What the record held before: every rule's "why", by the reference interpreter over the full facts.
    const scored = rescoreVisitor(visitor, rulebook.scoring, rulebook.version, NOW, 'routing').profile;
    const fullFacts = routingFactsOf(scored, rulebook, NOW, { language: 'en', answers: { need: 'pricing' } });
    const earlierRules = explainRules(rulebook, fullFacts);
    expect(earlierRules.at(-1)).toMatchObject({ ruleId: 'campaign-77', matched: true });
    expect(JSON.stringify({ ...decision, rules: earlierRules }).length).toBeGreaterThan(400 * 1024);

    const { Item } = await store.doc.send(
      new GetCommand({ TableName: store.tableName, Key: { pk: `CONV#${conversation.id}`, sk: 'DECISION' } }),
    );
    expect(JSON.stringify(Item).length).toBeLessThanOrEqual(4096);

    const response = await t.request(`/v1/conversations/${conversation.id}/routing-decision`, {
      headers: await t.bearer(['marketing']),
    });
    expect(response.status).toBe(200);
    const read = await response.json();
    expect(read.rules).toEqual(earlierRules);
    // The sentences the full record stored, in its words: the long URL whole, each marker it lacked.
    expect(read.rules).toHaveLength(78);
    expect(read.rules[0].because).toBe(
      `none held: ${Array.from({ length: 12 }, (_, j) => `page.url "${LONG_URL}" does not contain "campaign-0-variant-${j}"`).join('; ')}`,
    );
    expect(read.rules.at(-1)).toEqual({
      ruleId: 'campaign-77',
      name: 'Campaign 77 landing pages',
      matched: true,
      because: `page.url "${LONG_URL}" contains "spring-pricing"`,
    });
    expect(read).toMatchObject({ matchedRuleId: 'campaign-77', reproduced: true, rulebookVersion: 2 });
    expect(read.snapshot['page.url']).toBe(LONG_URL);
  });

  it('says when the pinned rulebook no longer reproduces a stored match', async () => {
    const conversation = aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZD00003', rulebookVersion: 2 });
    await t.deps.decisions.save({
      conversationId: conversation.id,
      visitorId: conversation.visitorId,
      siteKey: 'test-site',
      rulebookVersion: 2,
      decidedAt: NOW.toISOString(),
      facts: { 'page.url': 'https://www.example.com/', answers: {} },
      matchedRuleId: 'campaign-3',
      steps: [],
      outcome: { type: 'nurture', nurtureId: 'follow-up', viaFallback: false },
    });

    const response = await t.request(`/v1/conversations/${conversation.id}/routing-decision`, {
      headers: await t.bearer(['marketing']),
    });

    const read = await response.json();
    expect(read.reproduced).toBe(false);
    expect(read.rules).toHaveLength(78);
  });
  it('reads a record stored before the facts snapshot with the words it stored, not re-explained from its six facts', async () => {
    const conversation = aConversation({ id: '01JD3Q8Y8M4S0W6Q9V2ZD00004', rulebookVersion: 2 });
    // What a decision record held then: six facts and each rule's "why" as it was written at the time.
    const storedRules = [
      {
        ruleId: 'campaign-0',
        name: 'Campaign 0 landing pages',
        matched: false,
        because: 'none held: the words of then',
      },
      {
        ruleId: 'campaign-77',
        name: 'Campaign 77 landing pages',
        matched: true,
        because: 'page.url "https://www.example.com/spring-pricing" contains "spring-pricing"',
      },
    ];
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          pk: `CONV#${conversation.id}`,
          sk: 'DECISION',
          type: 'routing-decision',
          decision: {
            conversationId: conversation.id,
            visitorId: conversation.visitorId,
            siteKey: 'test-site',
            rulebookVersion: 2,
            decidedAt: NOW.toISOString(),
            facts: { score: 72, stage: 'mql', qualifies: true, accountOwner: null, employees: 640, country: 'PT' },
            rules: storedRules,
            matchedRuleId: 'campaign-77',
            steps: [],
            outcome: { type: 'nurture', nurtureId: 'follow-up', viaFallback: false },
          },
        },
      }),
    );

    const response = await t.request(`/v1/conversations/${conversation.id}/routing-decision`, {
      headers: await t.bearer(['marketing']),
    });

    expect(response.status).toBe(200);
    const read = await response.json();
    expect(read.rules).toEqual(storedRules);
    expect(read).toMatchObject({
      matchedRuleId: 'campaign-77',
      reproduced: true,
      facts: { score: 72, stage: 'mql', qualifies: true, accountOwner: null, employees: 640, country: 'PT' },
    });
    expect(read).not.toHaveProperty('storedRules');
  });
});
