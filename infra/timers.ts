import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { nagEnvironment } from './compliance.js';

export interface TimersProps {
  /** The timer function's physical name: it schedules timers itself, so its ARN cannot come from its own attributes. */
  targetFunctionName: string;
  /** Where a timer goes that Scheduler could not deliver (and the timer function's own on-failure queue). */
  failureQueue: IQueue;
}

/**
 * The persisted timers in AWS (functions/adapters/scheduler/timers.eventbridge-scheduler.ts): one schedule
 * group, and the role EventBridge Scheduler assumes, which may invoke the timer function and nothing else.
 * Functions that schedule timers may create, replace and delete schedules in this group only, and pass
 * this role only.
 */
export class Timers extends Construct {
  readonly group: ScheduleGroup;
  readonly role: Role;
  readonly targetArn: string;
  private readonly failureQueue: IQueue;

  constructor(scope: Construct, id: string, props: TimersProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.failureQueue = props.failureQueue;
    this.group = new ScheduleGroup(this, 'Group');
    this.targetArn = stack.formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: props.targetFunctionName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.role = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'EventBridge Scheduler invokes the Baton timer function with it',
    });
    this.role.addToPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.targetArn] }));
    props.failureQueue.grantSendMessages(this.role);
  }

  /** What a function needs to schedule and cancel timers: the permissions and the adapter's settings. */
  allowScheduling(fn: IFunction & Pick<LambdaFunction, 'addEnvironment'>): void {
    this.group.grantWriteSchedules(fn);
    this.group.grantDeleteSchedules(fn);
    this.role.grantPassRole(fn.grantPrincipal);
    fn.addEnvironment('BATON_TIMER_GROUP', this.group.scheduleGroupName);
    fn.addEnvironment('BATON_TIMER_TARGET_ARN', this.targetArn);
    fn.addEnvironment('BATON_TIMER_ROLE_ARN', this.role.roleArn);
    fn.addEnvironment('BATON_TIMER_DLQ_ARN', this.failureQueue.queueArn);
    // The grant writes the partition as the pseudo-parameter even where the stack's region is known.
    const { account, region } = nagEnvironment(Stack.of(this));
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${region}:${account}:schedule/${this.group.scheduleGroupName}/*]`,
      reason:
        "Timers are schedules named by the timer's id at run time; the grant is limited to the stack's timer group.",
    });
  }
}
