import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { countDynamoDbCalls } from '../../bench/dynamodb-calls.js';

describe('deterministic budgets', () => {
  it('keeps DynamoDB calls per request within budget', async () => {
    const calls = await countDynamoDbCalls();

    expect(calls.chat_turn!.total).toBeLessThanOrEqual(3);
    expect(calls.page_view!.total).toBeLessThanOrEqual(2);
    expect(calls.list_slots!.total).toBeLessThanOrEqual(4);
    // 14 since this session: the one-meeting-per-conversation claim, the visitor's and the rep's mail queued
    // as items (sent by the mail consumer, off the request) and the lead context the rep's mail carries.
    // 16 with the 24 h and 1 h reminders: two timer items, the persisted scheduler's only record of them.
    expect(calls.booking!.total).toBeLessThanOrEqual(16);
    expect(calls.answer_and_route!.total).toBeLessThanOrEqual(10);
  }, 30_000);

  it('keeps the API Lambda bundle as deployed (AWS SDK bundled) within 2 MB minified', async () => {
    const result = await build({
      entryPoints: ['functions/handlers/api.ts'],
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      write: false,
      logLevel: 'error',
    });

    expect(result.outputFiles[0]!.contents.byteLength).toBeLessThanOrEqual(2 * 1024 * 1024);
  });
});
