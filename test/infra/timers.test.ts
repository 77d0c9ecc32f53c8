import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, functionId, statementsOf, templateOf } from '../support/infra-template.js';

type Resource = { Type: string; Properties: Record<string, any> };

/** The services of the functions that schedule or cancel timers. */
const schedulers = ['baton-api', 'baton-visitor', 'baton-live-chat', 'baton-timer', 'baton-funnel'];

describe('timers in the stack (EventBridge Scheduler)', () => {
  let template: Template;
  let groupName: string;
  let schedulerRoleId: string;
  beforeAll(() => {
    template = templateOf();
    const [group] = Object.values(template.findResources('AWS::Scheduler::ScheduleGroup')) as Resource[];
    groupName = group!.Properties.Name;
    [schedulerRoleId] = Object.entries(template.findResources('AWS::IAM::Role')).find(([, role]) =>
      JSON.stringify((role as Resource).Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'),
    )!;
  }, 180_000);

  it('has one schedule group for the timers', () => {
    expect(Object.keys(template.findResources('AWS::Scheduler::ScheduleGroup'))).toHaveLength(1);
  });

  it('has a timer function under the fixed name its schedules target', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'Test-timer',
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'baton-timer' }) },
    });
  });

  it('lets Scheduler, from this account only, assume a role that may invoke the timer function and nothing else', () => {
    const role = template.findResources('AWS::IAM::Role')[schedulerRoleId] as Resource;
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => (policy as Resource).Properties.Roles.some((r: { Ref: string }) => r.Ref === schedulerRoleId))
      .flatMap((policy) => (policy as Resource).Properties.PolicyDocument.Statement);
    const invoke = statements.filter((statement) => actionsOf([statement], 'lambda:').length);
    expect(invoke).toEqual([
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':lambda:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':function:Test-timer',
            ],
          ],
        },
      }),
    ]);
    // Besides invoking, only sending what it could not deliver to the timers' failure queue.
    expect(actionsOf(statements, '').filter((action) => !action.startsWith('lambda:'))).toEqual(
      expect.arrayContaining(['sqs:SendMessage']),
    );
    expect(actionsOf(statements, '').every((action) => /^(lambda:InvokeFunction|sqs:)/.test(action))).toBe(true);
  });

  it.each(schedulers)(
    'lets %s create, replace and delete schedules in the timer group only, and pass only the scheduler role',
    (service) => {
      const statements = statementsOf(template, service);
      const scheduling = statements.filter((statement) => actionsOf([statement], 'scheduler:').length);
      expect(actionsOf(scheduling, 'scheduler:')).toEqual([
        'scheduler:CreateSchedule',
        'scheduler:DeleteSchedule',
        'scheduler:UpdateSchedule',
      ]);
      for (const statement of scheduling)
        expect(JSON.stringify(statement.Resource)).toContain(`:schedule/${groupName}/*"`);
      const passRole = statements.filter((statement) => actionsOf([statement], 'iam:').length);
      expect(passRole).toEqual([
        expect.objectContaining({ Action: 'iam:PassRole', Resource: { 'Fn::GetAtt': [schedulerRoleId, 'Arn'] } }),
      ]);
    },
  );

  it.each(schedulers)('gives %s the settings of the Scheduler adapter', (service) => {
    const fn = template.findResources('AWS::Lambda::Function')[functionId(template, service)] as Resource;
    expect(fn.Properties.Environment.Variables).toMatchObject({
      BATON_TIMER_GROUP: groupName,
      BATON_TIMER_TARGET_ARN: expect.anything(),
      BATON_TIMER_ROLE_ARN: { 'Fn::GetAtt': [schedulerRoleId, 'Arn'] },
      BATON_TIMER_DLQ_ARN: expect.anything(),
    });
    expect(JSON.stringify(fn.Properties.Environment.Variables.BATON_TIMER_TARGET_ARN)).toContain(
      ':function:Test-timer',
    );
  });

  it('gives no other function any scheduler permission', () => {
    for (const service of ['baton-crm-sync', 'baton-mail', 'baton-outbox-forwarder', 'baton-outbox-sweeper'])
      expect(actionsOf(statementsOf(template, service), 'scheduler:')).toEqual([]);
  });

  it('keeps a timer whose firing kept failing in a failure queue, and consumes funnel events with one', () => {
    for (const service of ['baton-timer', 'baton-funnel'])
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId(template, service) },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['baton'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId(template, 'baton-funnel'), 'Arn'] } })],
    });
  });
});
