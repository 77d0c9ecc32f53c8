import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/** The Powertools tracer and metrics of one function; service name and namespace come from the stack (infra/baton-function.ts). */
export interface Instruments {
  tracer: Pick<
    Tracer,
    'isTracingEnabled' | 'provider' | 'annotateColdStart' | 'addServiceNameAnnotation' | 'addErrorAsMetadata'
  >;
  metrics: Metrics;
}

export function instrumentsOf(logger?: Logger): Instruments {
  return {
    // Outgoing HTTPS calls are traced only where the stack turns them on (POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS):
    // in the functions that call AWS alone. CRM, calendar and webhook paths carry people's addresses and secrets.
    tracer: new Tracer(),
    metrics: new Metrics(logger ? { logger } : {}),
  };
}

/**
 * A Lambda handler measured the same way in every function but the visitor one (whose cold start carries
 * neither): its work in a `## handler` X-Ray subsegment annotated with ColdStart and Service, a throw
 * recorded there and rethrown, the cold start counted once, and what the invocation counted flushed as one
 * EMF line even when it throws. The response is never recorded: it holds what visitors wrote.
 */
export function observed<Args extends unknown[], Result>(
  { tracer, metrics }: Instruments,
  handler: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  const run = async (args: Args) => {
    try {
      return await handler(...args);
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
  return async (...args) => {
    metrics.captureColdStartMetric();
    if (!tracer.isTracingEnabled()) return run(args);
    return tracer.provider.captureAsyncFunc(`## ${process.env._HANDLER ?? 'handler'}`, async (subsegment) => {
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
      try {
        return await run(args);
      } catch (error) {
        tracer.addErrorAsMetadata(error as Error);
        throw error;
      } finally {
        subsegment?.close();
      }
    }) as Promise<Result>;
  };
}
