import { buildDependencies } from '../../functions/composition/build-dependencies.js';
import { createApp } from '../../functions/http/create-app.js';
import { aSite, aSteppingClock } from '../fixtures/builders.js';
import { silentLogger } from './silent-logger.js';
import type { TestStore } from './test-store.js';

/** The real app over the embedded store, called with app.request() and no server. */
export async function createTestApp(store: TestStore, options: { maxBodyBytes?: number } = {}) {
  const deps = buildDependencies({ db: store.doc, tableName: store.tableName, clock: aSteppingClock() });
  await deps.sites.putIfAbsent(aSite());
  const app = createApp({ deps, logger: silentLogger(), ...options });
  const request = async (path: string, init?: RequestInit): Promise<Response> => app.request(path, init);
  const json = (path: string, body: unknown, init: RequestInit = {}) =>
    request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body), ...init });
  return { app, deps, json, request };
}
