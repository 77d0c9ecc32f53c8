import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { LocalConfig, parseConfig } from '../composition/config.js';
import { issueLocalToken, localAuthSecret } from './local-tokens.js';

const usage = `Usage: npm run create-site -- <siteKey> <name> [--language en] [--url URL --token TOKEN]
  Without --url: the local server (HOST, PORT), with an admin token signed by the data folder's secret.
  With --url (a deployed Baton, e.g. its CloudFront address): an admin's token in --token or BATON_TOKEN.`;

export interface CommandIo {
  argv: string[];
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** `npm run create-site`: creates a site (createSite) with the starter rulebook and prints its script tag. */
export async function runCreateSite({ argv, env, fetch, out, err }: CommandIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [siteKey, name] = positionals;
  if (!siteKey || !name) {
    err(usage);
    return 2;
  }
  const target = await targetOf(values.url ?? env.BATON_URL, values.token ?? env.BATON_TOKEN, env);
  if ('error' in target) {
    err(`${target.error}\n${usage}`);
    return 2;
  }
  const response = await fetch(`${target.baseUrl}/v1/sites`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ siteKey, name, ...(values.language ? { defaultLanguage: values.language } : {}) }),
  });
  const body = (await response.json().catch(() => null)) as { scriptTag?: string; detail?: string } | null;
  if (response.status !== 201 || !body?.scriptTag) {
    err(`createSite answered ${response.status}: ${body?.detail ?? 'no details'}`);
    return 1;
  }
  out(`Site "${siteKey}" created with the starter playbook and rulebook. Put this on every page:`);
  out(body.scriptTag);
  return 0;
}

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string' }, token: { type: 'string' }, language: { type: 'string' } },
  });

async function targetOf(
  url: string | undefined,
  token: string | undefined,
  env: Record<string, string | undefined>,
): Promise<{ baseUrl: string; token: string } | { error: string }> {
  if (url) {
    if (!token) return { error: 'A deployed Baton needs an admin token (--token or BATON_TOKEN).' };
    return { baseUrl: url.replace(/\/+$/, ''), token };
  }
  const config = parseConfig(LocalConfig, env);
  const secret = await localAuthSecret(
    config.BATON_MEMORY ? null : resolve(config.BATON_DATA_DIR),
    config.BATON_AUTH_SECRET,
  );
  return {
    baseUrl: `http://${config.HOST}:${config.PORT}`,
    token:
      token ?? (await issueLocalToken(secret, { userId: 'create-site-command', roles: ['admin'], sites: ['*'] }, '5m')),
  };
}
