import { type LocalOptions, startLocal } from '../../functions/local/start-local.js';
import { silentLogger } from './silent-logger.js';
import { storeUnderTest } from './test-store.js';

/**
 * The whole product on one machine for one test file: a free port, nothing on disk, a silent logger, and
 * the store under test (the embedded one, or DynamoDB Local when `BATON_DYNAMODB_ENDPOINT` is set).
 * Options add to these or replace them.
 */
export function startTestRuntime(options: Partial<LocalOptions> = {}) {
  return startLocal({ ...storeUnderTest(), port: 0, dataDir: null, logger: silentLogger(), ...options });
}
