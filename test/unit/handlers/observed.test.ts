import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Instruments, observed } from '../../../functions/handlers/observed.js';
import { emfWrittenBy, metricsOf } from '../../support/emf.js';

/** A tracer as Powertools' is in Lambda with active tracing, recording what the handler's subsegment receives. */
function recordingTracer(enabled = true) {
  const subsegment = {
    name: '',
    closed: false,
    close: vi.fn(() => {
      subsegment.closed = true;
    }),
  };
  const tracer = {
    isTracingEnabled: () => enabled,
    provider: {
      captureAsyncFunc: vi.fn((name: string, run: (segment: typeof subsegment) => Promise<unknown>) => {
        subsegment.name = name;
        return run(subsegment);
      }),
    },
    annotateColdStart: vi.fn(),
    addServiceNameAnnotation: vi.fn(),
    addErrorAsMetadata: vi.fn(),
    addResponseAsMetadata: vi.fn(),
  };
  return { tracer, subsegment };
}

const metricsFor = (serviceName: string) => new Metrics({ namespace: 'Baton', serviceName });
const instruments = (tracer: ReturnType<typeof recordingTracer>['tracer'], metrics: Metrics): Instruments => ({
  tracer: tracer as unknown as Instruments['tracer'],
  metrics,
});

describe('a Lambda handler observed with Powertools (every function but the visitor one)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('counts the cold start once, in the Baton namespace with the service dimension', async () => {
    // As Lambda sets it for an instance started on demand (provisioned ones start warm).
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    const { tracer } = recordingTracer(false);
    const handler = observed(instruments(tracer, metricsFor('baton-mail')), async () => 'done');

    const first = await emfWrittenBy(() => handler());
    const second = await emfWrittenBy(() => handler());

    expect(first).toHaveLength(1);
    expect(metricsOf(first[0]!)).toEqual({ ColdStart: 1 });
    expect(first[0]!._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Baton', Dimensions: [['service']] });
    expect(first[0]!.service).toBe('baton-mail');
    expect(second).toEqual([]);
  });

  it('flushes what an invocation counted as one EMF line, and nothing when it counted nothing', async () => {
    const { tracer } = recordingTracer(false);
    const metrics = metricsFor('baton-funnel');
    const handler = observed(instruments(tracer, metrics), async (count: number) => {
      if (count > 0) metrics.addMetric('MeetingsBooked', 'Count', count);
      return count;
    });
    const counted = await emfWrittenBy(() => handler(2));
    const none = await emfWrittenBy(() => handler(0));

    expect(counted.map(metricsOf)).toEqual([{ MeetingsBooked: 2 }]);
    expect(counted[0]!._aws.CloudWatchMetrics[0]!.Metrics).toEqual([{ Name: 'MeetingsBooked', Unit: 'Count' }]);
    expect(none).toEqual([]);
  });

  it('still flushes what was counted when the handler throws, and rethrows so Lambda retries', async () => {
    const { tracer } = recordingTracer(false);
    const metrics = metricsFor('baton-funnel');
    const handler = observed(instruments(tracer, metrics), async () => {
      metrics.addMetric('SlaBreaches', 'Count', 1);
      throw new Error('store down');
    });

    const lines = await emfWrittenBy(() => expect(handler()).rejects.toThrow('store down'));

    expect(lines.map(metricsOf)).toContainEqual({ SlaBreaches: 1 });
  });

  it('runs the handler in its own X-Ray subsegment, annotated with the cold start and the service', async () => {
    const { tracer, subsegment } = recordingTracer();
    vi.stubEnv('_HANDLER', 'index.handler');
    const handler = observed(instruments(tracer, metricsFor('baton-timer')), async (event: { n: number }) => {
      expect(subsegment.closed).toBe(false);
      return { answer: event.n + 1 };
    });

    await expect(emfWrittenBy(() => handler({ n: 1 }))).resolves.toBeDefined();

    expect(subsegment.name).toBe('## index.handler');
    expect(tracer.annotateColdStart).toHaveBeenCalledOnce();
    expect(tracer.addServiceNameAnnotation).toHaveBeenCalledOnce();
    expect(subsegment.close).toHaveBeenCalledOnce();
    // What a handler answers may hold what a visitor wrote: it never goes into a trace.
    expect(tracer.addResponseAsMetadata).not.toHaveBeenCalled();
  });

  it('records a throw on the subsegment, closes it and rethrows', async () => {
    const { tracer, subsegment } = recordingTracer();
    const failure = new Error('CRM down');
    const handler = observed(instruments(tracer, metricsFor('baton-crm-sync')), () => Promise.reject(failure));

    await emfWrittenBy(() => expect(handler()).rejects.toBe(failure));

    expect(tracer.addErrorAsMetadata).toHaveBeenCalledWith(failure);
    expect(subsegment.close).toHaveBeenCalledOnce();
  });

  it('opens no subsegment when tracing is off (outside Lambda, or tracing disabled)', async () => {
    const { tracer } = recordingTracer(false);
    const handler = observed(instruments(tracer, metricsFor('baton-api')), async () => 'ok');

    await expect(emfWrittenBy(() => handler())).resolves.toBeDefined();

    expect(tracer.provider.captureAsyncFunc).not.toHaveBeenCalled();
  });
});
