import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiConfig, LiveSocketConfig, parseConfig, VisitorConfig } from '../../../functions/composition/config.js';

/** What the stack gives the visitor function (infra/), with `overrides` on top. */
const visitorEnv = (overrides: Record<string, string | undefined> = {}) => ({
  BATON_VISITOR_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:visitor',
  BATON_TIMER_GROUP: 'baton-timers',
  BATON_TIMER_TARGET_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:timer',
  BATON_TIMER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  ...overrides,
});

describe("a function's settings", () => {
  it('are built once, on the first parse, and reused by the next', () => {
    expect(VisitorConfig()).toBe(VisitorConfig());
    expect(LiveSocketConfig()).toBe(LiveSocketConfig());
  });

  it('parse with their defaults when the environment leaves them out', () => {
    const config = parseConfig(VisitorConfig, visitorEnv());

    expect(config.LOG_LEVEL).toBe('INFO');
    expect(config.BATON_SECRETS_MAX_AGE_SECONDS).toBe(300);
    expect(config.BATON_LIMIT_TURNS).toBeGreaterThanOrEqual(1);
  });

  it('refuse a bad setting, naming it, and a missing required one', () => {
    expect(() => parseConfig(VisitorConfig, visitorEnv({ BATON_PUBLIC_URL: 'not a url' }))).toThrow(/BATON_PUBLIC_URL/);
    expect(() => parseConfig(VisitorConfig, visitorEnv({ BATON_VISITOR_SECRET_ARN: undefined }))).toThrow(
      /BATON_VISITOR_SECRET_ARN/,
    );
  });

  it("of the live-chat function are the API's with the endpoint required", () => {
    const api = {
      ...visitorEnv(),
      BATON_JWT_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool',
      BATON_JWT_AUDIENCE: 'client',
    };

    expect(parseConfig(ApiConfig, api).BATON_LIVE_ENDPOINT).toBeUndefined();
    expect(() => parseConfig(LiveSocketConfig, api)).toThrow(/BATON_LIVE_ENDPOINT/);
    expect(parseConfig(LiveSocketConfig, { ...api, BATON_LIVE_ENDPOINT: 'https://ws.example.com' })).toMatchObject({
      BATON_LIVE_ENDPOINT: 'https://ws.example.com',
    });
  });

  it('may be a schema given as it is, parsed the same way', () => {
    const Outbox = z.object({ BATON_EVENT_BUS: z.string().min(1) });

    expect(parseConfig(Outbox, { BATON_EVENT_BUS: 'bus' })).toEqual({ BATON_EVENT_BUS: 'bus' });
    expect(() => parseConfig(Outbox, {})).toThrow(/BATON_EVENT_BUS/);
  });
});
