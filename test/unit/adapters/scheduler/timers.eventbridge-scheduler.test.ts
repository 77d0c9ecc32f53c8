import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  EventBridgeSchedulerTimers,
  scheduleExpressionOf,
} from '../../../../functions/adapters/scheduler/timers.eventbridge-scheduler.js';
import type { ScheduledTimer } from '../../../../functions/ports/timers.js';

const aTimer = (overrides: Partial<ScheduledTimer> = {}): ScheduledTimer => ({
  id: 'sla-0123456789abcdef',
  siteKey: 'test-site',
  dueAt: '2026-11-26T10:15:00.000Z',
  kind: 'sla',
  payload: { slaId: 'S1', visitorId: 'V1', term: 'first-follow-up', repId: null },
  ...overrides,
});

const NOW = new Date('2026-11-26T09:00:00.000Z');

describe('EventBridgeSchedulerTimers (commands sent)', () => {
  const schedulerMock = mockClient(SchedulerClient);
  beforeEach(() => schedulerMock.reset());
  const timers = (deadLetterArn?: string) =>
    new EventBridgeSchedulerTimers({
      client: new SchedulerClient({ region: 'eu-west-1' }),
      groupName: 'baton-timers',
      targetArn: 'arn:aws:lambda:eu-west-1:123456789012:function:Baton-dev-timer',
      roleArn: 'arn:aws:iam::123456789012:role/scheduler',
      deadLetterArn,
      clock: () => NOW,
    });

  it('schedules a timer as a one-time schedule in the group that invokes the timer function with the timer and deletes itself', async () => {
    // Prepare
    schedulerMock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    const timer = aTimer();
    // Act
    await timers('arn:aws:sqs:eu-west-1:123456789012:timer-failures').schedule(timer);
    // Assess
    const calls = schedulerMock.commandCalls(CreateScheduleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      Name: 'sla-0123456789abcdef',
      GroupName: 'baton-timers',
      ScheduleExpression: 'at(2026-11-26T10:15:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:lambda:eu-west-1:123456789012:function:Baton-dev-timer',
        RoleArn: 'arn:aws:iam::123456789012:role/scheduler',
        Input: JSON.stringify(timer),
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:timer-failures' },
      },
    });
    expect(JSON.parse(calls[0]!.args[0].input.Target!.Input!)).toEqual(timer);
  });

  it.each(['inactivity', 'reminder', 'live-offer'] as const)('schedules a %s timer the same way', async (kind) => {
    schedulerMock.on(CreateScheduleCommand).resolves({});

    await timers().schedule(aTimer({ id: `${kind}-abc`, kind, payload: { visitorId: 'V1' } }));

    const input = schedulerMock.commandCalls(CreateScheduleCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ Name: `${kind}-abc`, ActionAfterCompletion: 'DELETE' });
    expect(JSON.parse(input.Target!.Input!)).toMatchObject({ kind });
    expect(input.Target).not.toHaveProperty('DeadLetterConfig');
  });

  it('moves a timer scheduled again: the existing schedule is replaced with the new time', async () => {
    schedulerMock
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }))
      .on(UpdateScheduleCommand)
      .resolves({ ScheduleArn: 'arn:schedule' });

    await timers().schedule(aTimer({ dueAt: '2026-11-27T08:00:00.000Z' }));

    const update = schedulerMock.commandCalls(UpdateScheduleCommand);
    expect(update).toHaveLength(1);
    expect(update[0]!.args[0].input).toMatchObject({
      Name: 'sla-0123456789abcdef',
      GroupName: 'baton-timers',
      ScheduleExpression: 'at(2026-11-27T08:00:00)',
      ActionAfterCompletion: 'DELETE',
    });
  });

  it('passes on any other failure to schedule', async () => {
    schedulerMock.on(CreateScheduleCommand).rejects(new Error('throttled'));

    await expect(timers().schedule(aTimer())).rejects.toThrow('throttled');
    expect(schedulerMock.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
  });

  it('cancels a timer by deleting its schedule in the group', async () => {
    schedulerMock.on(DeleteScheduleCommand).resolves({});

    await timers().cancel('reminder-day-before-01jabc');

    expect(schedulerMock.commandCalls(DeleteScheduleCommand)[0]!.args[0].input).toEqual({
      Name: 'reminder-day-before-01jabc',
      GroupName: 'baton-timers',
    });
  });

  it('treats canceling a timer that already fired or never existed as done', async () => {
    schedulerMock
      .on(DeleteScheduleCommand)
      .rejects(new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} }));

    await expect(timers().cancel('sla-gone')).resolves.toBeUndefined();
  });

  it('passes on any other failure to cancel', async () => {
    schedulerMock.on(DeleteScheduleCommand).rejects(new Error('access denied'));

    await expect(timers().cancel('sla-x')).rejects.toThrow('access denied');
  });
});

describe('the time a schedule fires at (Scheduler fires to the minute)', () => {
  it('keeps a due time on a whole minute', () => {
    expect(scheduleExpressionOf('2026-11-26T10:15:00.000Z', NOW)).toBe('at(2026-11-26T10:15:00)');
  });

  it('rounds a due time within a minute up to the next whole minute, never earlier', () => {
    expect(scheduleExpressionOf('2026-11-26T10:15:00.001Z', NOW)).toBe('at(2026-11-26T10:16:00)');
    expect(scheduleExpressionOf('2026-11-26T10:15:59.999Z', NOW)).toBe('at(2026-11-26T10:16:00)');
  });

  it('reads a due time with an offset as the instant it names', () => {
    expect(scheduleExpressionOf('2026-11-26T11:15:00+01:00', NOW)).toBe('at(2026-11-26T10:15:00)');
  });

  it('sends a timer already due, or due now, to the next whole minute instead of the past', () => {
    expect(scheduleExpressionOf('2026-11-26T08:00:00.000Z', NOW)).toBe('at(2026-11-26T09:01:00)');
    expect(scheduleExpressionOf('2026-11-26T09:00:00.000Z', NOW)).toBe('at(2026-11-26T09:01:00)');
    expect(scheduleExpressionOf('2026-11-26T09:00:30.000Z', new Date('2026-11-26T09:00:29.000Z'))).toBe(
      'at(2026-11-26T09:01:00)',
    );
  });
});
