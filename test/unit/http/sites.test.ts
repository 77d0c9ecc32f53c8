import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCreateSite } from '../../../functions/local/create-site-command.js';
import { createTestApp } from '../../support/test-app.js';
import { startTestStore, type TestStore } from '../../support/test-store.js';

type SiteResult = { site: { siteKey: string; name: string; consent?: unknown }; scriptTag: string };

describe('sites over HTTP', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
  });
  afterAll(() => store.close());

  const create = async (body: unknown, roles: Parameters<typeof t.bearer>[0] = ['admin']) =>
    t.json('/v1/sites', body, { headers: await t.bearer(roles) });
  const update = async (siteKey: string, body: unknown, roles: Parameters<typeof t.bearer>[0] = ['admin']) =>
    t.json(`/v1/sites/${siteKey}`, body, { method: 'PATCH', headers: await t.bearer(roles) });

  it('lets an admin create a site whose widget chats at once, with the script tag to paste', async () => {
    const response = await create({ siteKey: 'globex', name: 'Globex' });

    expect(response.status).toBe(201);
    const body = (await response.json()) as SiteResult;
    expect(body.scriptTag).toBe(
      `<script src="${t.deps.publicUrl}/widget/loader.js" data-site-key="globex" async></script>`,
    );
    const chat = await t.json('/v1/conversations', { siteKey: 'globex' });
    expect(chat.status).toBe(201);
    const { messages } = (await chat.json()) as { messages: Array<{ text: string }> };
    expect(messages[0]!.text).toContain('Globex');
    expect((await t.deps.rulebooks.getLive('globex'))?.version).toBe(1);
    // Its starter rulebook was published when the site was made (the app's clock), not at 1970.
    const [starter] = await t.deps.rulebooks.listVersions('globex');
    expect(starter?.publishedAt).toMatch(/^2026-11-25T10:/);
  });

  it('refuses a second site with the same key, keeping the first', async () => {
    await create({ siteKey: 'initech', name: 'Initech' });

    const again = await create({ siteKey: 'initech', name: 'Initrode' });

    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    expect((await t.deps.sites.get('initech'))?.name).toBe('Initech');
  });

  it('lets only admins create or change sites', async () => {
    const noToken = await t.json('/v1/sites', { siteKey: 'umbrella', name: 'Umbrella' });
    const marketing = await create({ siteKey: 'umbrella', name: 'Umbrella' }, ['marketing', 'sales']);
    const change = await update('test-site', { name: 'Renamed' }, ['marketing']);

    expect([noToken.status, marketing.status, change.status]).toEqual([401, 403, 403]);
    expect(await t.deps.sites.get('umbrella')).toBeNull();
  });

  it('refuses a bad key, a missing name and unknown fields, storing nothing', async () => {
    const before = await store.allItems();

    const badKey = await create({ siteKey: 'Bad Key!', name: 'x' });
    const noName = await create({ siteKey: 'no-name' });
    const unknown = await create({ siteKey: 'extra', name: 'Extra', owner: 'me' });
    const unknownChange = await update('test-site', { siteKey: 'other' });

    expect([badKey.status, noName.status, unknown.status, unknownChange.status]).toEqual([400, 400, 400, 400]);
    expect(((await badKey.json()) as { errors: Array<{ pointer: string }> }).errors[0]!.pointer).toBe('/siteKey');
    expect(await store.allItems()).toEqual(before);
  });

  it('changes the name and adds, then removes, the consent notice', async () => {
    await create({ siteKey: 'hooli', name: 'Hooli' });
    const consent = { required: true, version: '2026-11', text: { en: 'This chat is recorded.' } };

    const added = (await (await update('hooli', { name: 'Hooli XYZ', consent })).json()) as SiteResult;
    const removed = (await (await update('hooli', { consent: null })).json()) as SiteResult;

    expect(added.site).toMatchObject({ name: 'Hooli XYZ', consent });
    expect(removed.site.name).toBe('Hooli XYZ');
    expect(removed.site.consent).toBeUndefined();
    expect((await t.deps.sites.get('hooli'))?.consent).toBeUndefined();
  });

  it("brands the widget: colour, greeting and avatar set at creation reach the widget's configuration, in the visitor's language, and null removes each", async () => {
    const branding = {
      brandColour: '#0b6e4f',
      greeting: { en: 'We answer in minutes.', de: 'Wir antworten in Minuten.' },
      avatarUrl: 'https://cdn.pied-piper.example/logo.png',
    };
    await create({ siteKey: 'pied-piper', name: 'Pied Piper', ...branding });
    const config = async (language: string) =>
      (await t.app.request(`/v1/sites/pied-piper/widget-config?language=${language}`)).json();

    expect(await config('de-DE')).toMatchObject({
      name: 'Pied Piper',
      colour: '#0b6e4f',
      greeting: 'Wir antworten in Minuten.',
      avatarUrl: 'https://cdn.pied-piper.example/logo.png',
    });
    // A language the site has no greeting in gets the English one.
    expect(await config('pt-BR')).toMatchObject({ greeting: 'We answer in minutes.' });

    const changed = await update('pied-piper', { avatarUrl: '/demo/logo.svg', greeting: null });
    expect(changed.status).toBe(200);
    expect(await config('en')).toMatchObject({ colour: '#0b6e4f', greeting: null, avatarUrl: '/demo/logo.svg' });
    await update('pied-piper', { brandColour: null, avatarUrl: null });
    expect(await config('en')).toMatchObject({ colour: null, greeting: null, avatarUrl: null });
  });

  it('refuses a colour too light for white text and an avatar that is not a web address, changing nothing', async () => {
    await create({ siteKey: 'hooli-eu', name: 'Hooli EU', brandColour: '#0b6e4f' });
    const before = await t.deps.sites.get('hooli-eu');

    const light = await update('hooli-eu', { brandColour: '#ffcc00' });
    const script = await update('hooli-eu', { avatarUrl: 'javascript:alert(1)' });
    const lightAtCreation = await create({ siteKey: 'hooli-us', name: 'Hooli US', brandColour: '#ffffff' });

    expect([light.status, script.status, lightAtCreation.status]).toEqual([400, 400, 400]);
    expect(await t.deps.sites.get('hooli-eu')).toEqual(before);
    expect(await t.deps.sites.get('hooli-us')).toBeNull();
  });

  it('answers 404 for changing a site that does not exist', async () => {
    const response = await update('no-such-site', { name: 'Ghost' });

    expect(response.status).toBe(404);
    expect(await t.deps.sites.get('no-such-site')).toBeNull();
  });
});

describe('npm run create-site', () => {
  let store: TestStore;
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    store = await startTestStore();
    t = await createTestApp(store);
  });
  afterAll(() => store.close());

  const run = async (argv: string[], env: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCreateSite({
      argv,
      env: { BATON_MEMORY: '1', ...env },
      fetch: ((url: string, init?: RequestInit) => t.app.request(url, init)) as typeof fetch,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out, err };
  };

  it('creates a site on a deployed Baton with the given token and prints the script tag', async () => {
    const token = await t.tokenFor(['admin']);

    const result = await run(['acme-eu', 'Acme EU', '--url', 'https://baton.acme.test/', '--token', token]);

    expect(result.code).toBe(0);
    expect(result.out[1]).toMatch(/^<script src="[^"]+\/widget\/loader\.js" data-site-key="acme-eu" async><\/script>$/);
    expect((await t.deps.sites.get('acme-eu'))?.name).toBe('Acme EU');
  });

  it('signs an admin token with the local secret when no address is given', async () => {
    const result = await run(['local-site', 'Local'], {
      BATON_AUTH_SECRET: 'a-test-secret-that-is-long-enough-for-hs256',
    });

    expect(result.code).toBe(0);
    expect(await t.deps.sites.get('local-site')).not.toBeNull();
  });

  it('asks for a token for a deployed Baton and reports a refusal, with a failing exit code', async () => {
    const noToken = await run(['x-site', 'X', '--url', 'https://baton.acme.test']);
    const refused = await run([
      'Bad Key',
      'X',
      '--url',
      'https://baton.acme.test',
      '--token',
      await t.tokenFor(['admin']),
    ]);
    const missing = await run(['only-key']);

    expect([noToken.code, refused.code, missing.code]).toEqual([2, 1, 2]);
    expect(noToken.err[0]).toContain('admin token');
    expect(refused.err[0]).toContain('400');
  });
});
