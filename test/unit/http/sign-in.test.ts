import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../functions/http/create-app.js';
import { everyRoute } from '../../../functions/http/route-groups/every-route.js';
import { createTestApp, TEST_ACCOUNT, TEST_PASSWORD } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';
import { silentLogger } from '../../support/silent-logger.js';
import { hostedSignInOf } from '../../../functions/composition/config.js';

describe('signing in to the console over HTTP', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
  });
  afterAll(() => store.close());

  const login = (body: unknown) => t.json('/v1/auth/login', body);

  it('tells the console to use local accounts in the embedded runtime', async () => {
    const response = await t.request('/v1/auth/config');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ method: 'local' });
  });

  it('answers a local account with a token carrying its roles, sites and rep, which the API accepts', async () => {
    const response = await login({ username: 'tess', password: TEST_PASSWORD });

    expect(response.status).toBe(200);
    const session = (await response.json()) as { token: string; expiresAt: string; user: unknown };
    expect(session.user).toEqual({
      userId: TEST_ACCOUNT.userId,
      name: TEST_ACCOUNT.name,
      roles: ['marketing'],
      sites: ['test-site'],
      repId: null,
    });
    expect(Date.parse(session.expiresAt)).not.toBeNaN();
    const claims = JSON.parse(Buffer.from(session.token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'tess', roles: ['marketing'], sites: ['test-site'] });
    const draft = await t.request('/v1/sites/test-site/rulebook/draft', {
      headers: { Authorization: `Bearer ${session.token}` },
    });
    expect(draft.status).toBe(200);
  });

  it('takes the username in any case and with surrounding spaces', async () => {
    expect((await login({ username: ' TESS ', password: TEST_PASSWORD })).status).toBe(200);
  });

  it('refuses a wrong password and an unknown name with the same 401 problem', async () => {
    const wrong = await login({ username: 'tess', password: 'correct horse battery stapl' });
    const unknown = await login({ username: 'nobody', password: TEST_PASSWORD });

    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await wrong.json()).detail).toBe((await unknown.json()).detail);
  });

  it('refuses an empty password and unknown fields with per-field errors', async () => {
    const response = await login({ username: 'tess', password: '', remember: true });

    expect(response.status).toBe(400);
    const pointers = ((await response.json()).errors as Array<{ pointer: string }>).map((error) => error.pointer);
    expect(pointers).toContain('/password');
  });

  it('has no local accounts where none are configured, and says so', async () => {
    const app = createApp({
      deps: t.deps,
      logger: silentLogger(),
      verifier: { verify: () => Promise.reject() },
      visitorSessions: t.visitorSessions,
      routes: everyRoute(),
    });

    expect(await (await app.request('/v1/auth/config')).json()).toEqual({ method: 'none' });
    const response = await app.request('/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'tess', password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(404);
  });

  it("sends the console to Cognito's hosted sign-in when the stack configured it", async () => {
    const hosted = hostedSignInOf({
      BATON_COGNITO_DOMAIN: 'https://baton-demo.auth.eu-west-1.amazoncognito.com/',
      BATON_CONSOLE_CLIENT_ID: 'console-client',
    })!;
    const app = createApp({
      deps: t.deps,
      logger: silentLogger(),
      verifier: { verify: () => Promise.reject() },
      visitorSessions: t.visitorSessions,
      routes: everyRoute(hosted),
    });

    expect(await (await app.request('/v1/auth/config')).json()).toEqual({
      method: 'hosted',
      authorizeUrl: 'https://baton-demo.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
      tokenUrl: 'https://baton-demo.auth.eu-west-1.amazoncognito.com/oauth2/token',
      clientId: 'console-client',
      scopes: ['openid', 'email', 'profile'],
    });
    expect(hostedSignInOf({ BATON_COGNITO_DOMAIN: 'https://x.example' })).toBeUndefined();
  });
});
