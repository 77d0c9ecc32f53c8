import { awsDependencies } from './aws-dependencies.js';
import { parseConfig, WorkerConfig } from './config.js';
import { createLogger } from './create-logger.js';

/** The timer function's and the funnel consumer's dependencies: those of the functions that serve visitors. */
export function composeWorker(env: NodeJS.ProcessEnv, service: string) {
  const config = parseConfig(WorkerConfig, env);
  const logger = createLogger(config.LOG_LEVEL, service);
  return { deps: awsDependencies(config, logger), logger };
}
