import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aRoutedGlobexConversation, aVisitorJar } from '../support/visitor-client.js';
import { createLogger } from '../../functions/composition/create-logger.js';
import { type LocalWithCrms, startLocalWithCrms } from '../support/crm-runtime.js';

/** The person's data, each distinctive enough that finding it in a log line can only mean it was logged. */
const EMAIL = 'Lotte.Logscan@globex.com';
const NAME = 'Lotte Logscan';
const MESSAGE = 'Our fourteen warehouses need a routing pilot before Easter';
const REASON = 'Lotte has a dentist appointment that morning';

/**
 * Personal data never goes into logs. The suite's other tests run with a silent logger, so this test is
 * the check: the whole product on one machine, logging at DEBUG, drives a visitor through every path
 * that logs (requests, chat, booking, mails, CRM outage with retries and dead letters, replay,
 * cancellation, bad input, export and erasure), and scans everything written to stdout and stderr.
 * It covers what these paths log; a new log line elsewhere is covered once a journey here reaches it.
 */
describe('the logs of a visitor journey', () => {
  let crms: LocalWithCrms;
  let runtime: LocalWithCrms['runtime'];
  let hubspot: LocalWithCrms['hubspot'];
  let webhook: LocalWithCrms['webhook'];
  const written: string[] = [];
  const originalWrites = { out: process.stdout.write, err: process.stderr.write };

  beforeAll(async () => {
    const capture = ((chunk: string | Uint8Array) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
    process.stdout.write = capture;
    process.stderr.write = capture;
    crms = await startLocalWithCrms({
      logger: createLogger('DEBUG'),
      mapping: { owners: {}, hubspotStages: {}, salesforceStatuses: {} },
    });
    ({ runtime, hubspot, webhook } = crms);
  });
  afterAll(async () => {
    process.stdout.write = originalWrites.out;
    process.stderr.write = originalWrites.err;
    await crms.close();
  });

  const visitors = aVisitorJar((path, init) => fetch(`${runtime.url}${path}`, init));

  const { send } = visitors;

  it('holds no email, name or message text of the visitor, even when CRMs fail and input is refused', async () => {
    const { conversationId } = await aRoutedGlobexConversation(visitors, {
      email: EMAIL,
      name: NAME,
      need: MESSAGE,
      tag: 'log',
    });
    // Refused input that carries the person's data: the refusal must not echo it into a log.
    expect(
      (await send('POST', `/v1/conversations/${conversationId}/messages`, { text: MESSAGE, email: EMAIL })).status,
    ).toBe(400);
    expect(
      (
        await send('POST', '/v1/visitor-events', {
          siteKey: 'demo',
          event: { type: 'identify', answers: { email: NAME } },
        })
      ).status,
    ).toBeGreaterThanOrEqual(400);

    hubspot.refuseNext(40);
    webhook.refuseNext(40);
    const slots = (await send('GET', `/v1/conversations/${conversationId}/slots?timeZone=UTC`)).body.slots as Array<{
      start: string;
    }>;
    const booked = await send('POST', `/v1/conversations/${conversationId}/meetings`, {
      start: slots[0]!.start,
      name: NAME,
      email: EMAIL,
      timeZone: 'UTC',
    });
    expect(booked.status).toBe(201);
    await runtime.flushEvents();

    const marketing = {
      Authorization: `Bearer ${await runtime.issueToken({ userId: 'log-mia', roles: ['marketing', 'sales'], sites: ['demo'] })}`,
    };
    hubspot.refuseNext(0);
    webhook.refuseNext(0);
    const replayed = await send('POST', '/v1/sites/demo/sync/replay', {}, marketing);
    expect(replayed.body.replayed).toBeGreaterThan(0);

    const manage = new URL(booked.body.manageUrl as string);
    const meetingId = manage.pathname.split('/').pop()!;
    const token = manage.searchParams.get('token')!;
    expect((await send('POST', `/v1/meetings/${meetingId}/cancel`, { token, reason: REASON })).status).toBe(200);
    await runtime.flushEvents();

    expect((await send('POST', '/v1/sites/demo/privacy/export', { email: EMAIL }, marketing)).status).toBe(200);
    expect((await send('POST', '/v1/sites/demo/privacy/erase', { email: EMAIL }, marketing)).status).toBe(200);
    await runtime.flushEvents();

    const logs = written.join('');
    // The capture saw the product's logs: every request, the CRM failures kept for replay, the erasure's audit line.
    expect(logs).toContain('"message":"request"');
    expect(logs).toContain('CRM sync failed; kept for replay');
    expect(logs).toContain('visitor data erased');
    const lower = logs.toLowerCase();
    for (const personal of [EMAIL, NAME, MESSAGE, REASON, 'Lotte', 'logscan'])
      expect(lower).not.toContain(personal.toLowerCase());
  });
});
