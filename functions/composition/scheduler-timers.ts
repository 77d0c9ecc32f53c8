import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeSchedulerTimers } from '../adapters/scheduler/timers.eventbridge-scheduler.js';

/** The timers of a deployed function: one-time EventBridge Scheduler schedules that invoke the timer function. */
export function schedulerTimersOf(config: {
  BATON_TIMER_GROUP: string;
  BATON_TIMER_TARGET_ARN: string;
  BATON_TIMER_ROLE_ARN: string;
  BATON_TIMER_DLQ_ARN?: string | undefined;
}) {
  return new EventBridgeSchedulerTimers({
    client: new SchedulerClient({}),
    groupName: config.BATON_TIMER_GROUP,
    targetArn: config.BATON_TIMER_TARGET_ARN,
    roleArn: config.BATON_TIMER_ROLE_ARN,
    deadLetterArn: config.BATON_TIMER_DLQ_ARN,
    clock: () => new Date(),
  });
}
