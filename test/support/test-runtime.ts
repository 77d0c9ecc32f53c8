import { type LocalOptions, startLocal } from '../../functions/local/start-local.js';
import { silentLogger } from './silent-logger.js';
import { storeUnderTest } from './test-store.js';
import { limitsNoTestReaches } from '../fixtures/limits.js';

/**
 * The whole product on one machine for one test file: a free port, nothing on disk, a silent logger, and
 * the store under test (the embedded one, or DynamoDB Local when `BATON_DYNAMODB_ENDPOINT` is set), limits
 * no test reaches.
 * Options add to these or replace them.
 */
export function startTestRuntime(options: Partial<LocalOptions> = {}) {
  return startLocal({
    ...storeUnderTest(),
    port: 0,
    dataDir: null,
    logger: silentLogger(),
    // Tests hold clocks and poll within one window; the limits' own tests set theirs.
    limits: limitsNoTestReaches,
    ...options,
  });
}
