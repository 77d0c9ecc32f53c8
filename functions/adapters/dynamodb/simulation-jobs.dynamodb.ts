import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { domainEvent } from '../../core/events/domain-event-builder.js';
import type { NewSimulationJob, SimulationJob, SimulationJobs } from '../../ports/simulation-jobs.js';
import { outboxAttributes } from './outbox.dynamodb.js';

const jobKey = (siteKey: string, simulationId: string) => ({
  pk: `SITE#${siteKey}#SIMULATION#${simulationId}`,
  sk: 'SIMULATION',
});
/** A report is read soon after it is made; a week later the draft it describes has moved on. */
const KEEP_SECONDS = 7 * 24 * 3600;

const jobOf = (item: Record<string, unknown>): SimulationJob => ({
  siteKey: item.siteKey as string,
  simulationId: item.simulationId as string,
  days: item.days as number,
  requestedBy: item.requestedBy as string,
  requestedAt: item.requestedAt as string,
  status: item.status as SimulationJob['status'],
  startedAt: (item.startedAt as string | undefined) ?? null,
  finishedAt: (item.finishedAt as string | undefined) ?? null,
  heartbeatAt: (item.heartbeatAt as string | undefined) ?? null,
  visitors: (item.visitors as number | undefined) ?? 0,
  result: reportOf(item.result as SimulationJob['result'] | undefined),
  error: (item.error as string | undefined) ?? null,
});

/** A report kept from before reports listed the draft's problems (jobs are kept 7 days) reads with none listed. */
const reportOf = (result: SimulationJob['result'] | undefined): SimulationJob['result'] =>
  result ? { ...result, problems: result.problems ?? [], problemCount: result.problemCount ?? 0 } : null;

/** One item per job, keyed under its site: a job id asked for under another site is simply not there. */
export class DynamoDbSimulationJobs implements SimulationJobs {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: NewSimulationJob): Promise<void> {
    const requested = domainEvent(
      'SimulationRequested',
      `simulation-requested:${job.simulationId}`,
      job.siteKey,
      job.requestedAt,
      { simulationId: job.simulationId, days: job.days },
    );
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...jobKey(job.siteKey, job.simulationId),
          type: 'simulation',
          ...job,
          status: 'queued',
          visitors: 0,
          expiresAt: Math.floor(Date.parse(job.requestedAt) / 1000) + KEEP_SECONDS,
          ...outboxAttributes([requested]),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(siteKey: string, simulationId: string): Promise<SimulationJob | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: jobKey(siteKey, simulationId), ConsistentRead: true }),
    );
    return Item ? jobOf(Item) : null;
  }

  async claim(siteKey: string, simulationId: string, at: string, staleBefore: string): Promise<SimulationJob | null> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: jobKey(siteKey, simulationId),
          UpdateExpression: 'SET #status = :running, startedAt = :at, heartbeatAt = :at, visitors = :zero',
          ConditionExpression: '#status = :queued OR (#status = :running AND heartbeatAt < :stale)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':running': 'running',
            ':queued': 'queued',
            ':at': at,
            ':stale': staleBefore,
            ':zero': 0,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? jobOf(Attributes) : null;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }

  async progress(siteKey: string, simulationId: string, visitors: number, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: jobKey(siteKey, simulationId),
        UpdateExpression: 'SET visitors = :visitors, heartbeatAt = :at',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':visitors': visitors, ':at': at, ':running': 'running' },
      }),
    );
  }

  async finish(
    siteKey: string,
    simulationId: string,
    outcome: { result: NonNullable<SimulationJob['result']> } | { error: string },
    at: string,
  ): Promise<void> {
    const succeeded = 'result' in outcome;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: jobKey(siteKey, simulationId),
        UpdateExpression: `SET #status = :status, finishedAt = :at, heartbeatAt = :at, ${succeeded ? '#result = :result, visitors = :visitors' : '#error = :error'}`,
        ExpressionAttributeNames: {
          '#status': 'status',
          ...(succeeded ? { '#result': 'result' } : { '#error': 'error' }),
        },
        ExpressionAttributeValues: {
          ':status': succeeded ? 'succeeded' : 'failed',
          ':at': at,
          ...(succeeded
            ? { ':result': outcome.result, ':visitors': outcome.result.visitors }
            : { ':error': outcome.error }),
        },
      }),
    );
  }
}
