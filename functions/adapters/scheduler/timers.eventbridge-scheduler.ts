import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import type { Clock } from '../../ports/clock.js';
import type { ScheduledTimer, Timers } from '../../ports/timers.js';

export interface SchedulerTimersOptions {
  client: SchedulerClient;
  /** The stack's schedule group: the functions may create and delete schedules in it only. */
  groupName: string;
  /** The timer function (functions/handlers/timer.ts). */
  targetArn: string;
  /** The role EventBridge Scheduler assumes to invoke the timer function, and nothing else. */
  roleArn: string;
  /** Where a firing Scheduler gave up on waits (the timer function's failure queue). */
  deadLetterArn?: string | undefined;
  clock: Clock;
}

const MINUTE = 60_000;

/**
 * Scheduler fires with a precision of a minute: the schedule is set to the first whole minute at or after
 * the due time, so no timer fires early (a kind judged before its time would do nothing and be lost). A
 * timer already due goes to the next whole minute instead of a time in the past.
 */
export function scheduleExpressionOf(dueAt: string, now: Date): string {
  const due = Math.ceil(Date.parse(dueAt) / MINUTE) * MINUTE;
  const earliest = Math.ceil((now.getTime() + 1) / MINUTE) * MINUTE;
  return `at(${new Date(Math.max(due, earliest)).toISOString().slice(0, 19)})`;
}

/**
 * Timers in AWS: each one a one-time EventBridge Scheduler schedule named by the timer's id, whose target
 * is the timer function with the timer as its input, deleted by Scheduler once it has fired. Firing is at
 * least once; `fireTimer` decides from the current state whether anything is left to do.
 */
export class EventBridgeSchedulerTimers implements Timers {
  constructor(private readonly options: SchedulerTimersOptions) {}

  async schedule(timer: ScheduledTimer): Promise<void> {
    const { client, groupName, targetArn, roleArn, deadLetterArn, clock } = this.options;
    const input: CreateScheduleCommandInput = {
      Name: timer.id,
      GroupName: groupName,
      ScheduleExpression: scheduleExpressionOf(timer.dueAt, clock()),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: targetArn,
        RoleArn: roleArn,
        Input: JSON.stringify(timer),
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
        ...(deadLetterArn ? { DeadLetterConfig: { Arn: deadLetterArn } } : {}),
      },
    };
    try {
      await client.send(new CreateScheduleCommand(input));
    } catch (error) {
      // Scheduling an id again moves the timer: the schedule is replaced as a whole.
      if (!(error instanceof ConflictException)) throw error;
      await client.send(new UpdateScheduleCommand(input));
    }
  }

  async cancel(timerId: string): Promise<void> {
    try {
      await this.options.client.send(new DeleteScheduleCommand({ Name: timerId, GroupName: this.options.groupName }));
    } catch (error) {
      // Fired (and deleted by Scheduler) or never scheduled: nothing left to cancel.
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
}
