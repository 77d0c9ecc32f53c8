import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { stageConfigOf } from '../../infra/stage-config.js';
import { actionsOf, functionId, statementsOf, templateOf } from '../support/infra-template.js';

describe('mail and failure paths in the stack', () => {
  let template: Template;
  beforeAll(() => {
    template = templateOf({ sesIdentity: 'acme.test', mailFrom: 'Baton <baton@acme.test>' });
  }, 180_000);

  it('lets only the mail function send, and only as the stage’s SES identity, with the sender set', () => {
    const mail = statementsOf(template, 'baton-mail');
    expect(actionsOf(mail, 'ses:')).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(mail.find((statement) => actionsOf([statement], 'ses:').length)!.Resource).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':identity/acme.test',
        ],
      ],
    });
    for (const service of ['baton-api', 'baton-crm-sync', 'baton-outbox-forwarder', 'baton-outbox-sweeper'])
      expect(actionsOf(statementsOf(template, service), 'ses:')).toEqual([]);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'baton-mail',
          BATON_MAIL_FROM: 'Baton <baton@acme.test>',
        }),
      },
    });
  });

  it('refuses to synthesize a stage without an SES identity and a sender', () => {
    expect(() => stageConfigOf('prod', { prod: { retainData: true } })).toThrow(/stages\.prod.*sesIdentity/);
    expect(() => stageConfigOf('qa', {})).toThrow(/stages\.qa/);
  });

  it('gives each function only the table actions its code sends', () => {
    const tableActions = (service: string) => actionsOf(statementsOf(template, service), 'dynamodb:');
    expect(tableActions('baton-outbox-forwarder')).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']),
    );
    expect(tableActions('baton-outbox-forwarder')).not.toContain('dynamodb:PutItem');
    expect(tableActions('baton-outbox-sweeper')).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(tableActions('baton-mail')).toEqual(['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem']);
    for (const service of ['baton-api', 'baton-crm-sync', 'baton-mail', 'baton-outbox-sweeper'])
      expect(tableActions(service).filter((action) => /Scan|DeleteTable|\*/.test(action))).toEqual([]);
  });

  it('keeps what the event consumers fail on in on-failure queues, after two Lambda retries', () => {
    for (const service of ['baton-mail', 'baton-crm-sync']) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId(template, service) },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } } },
      });
    }
  });

  it('mails what the use cases queued and alerts on routings that fell back', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['baton'], 'detail-type': ['MailQueued'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId(template, 'baton-mail'), 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['baton'],
        'detail-type': ['VisitorRouted'],
        detail: { detail: { viaFallback: [true] } },
      },
    });
  });

  it('sweeps the outbox every five minutes', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId(template, 'baton-outbox-sweeper'), 'Arn'] } })],
    });
  });
});
