import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, statementsOf, templateOf } from '../support/infra-template.js';

type Resource = { Type: string; Properties: Record<string, any> };

describe('secrets in the stack (read at run time from Secrets Manager)', () => {
  let template: Template;
  let secretId: (name: string) => string;
  beforeAll(() => {
    template = templateOf();
    const ids = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    secretId = (name) => ids.find((id) => id.startsWith(name))!;
  }, 180_000);

  /** The secrets (logical ids) the function's role may read. */
  const readableBy = (service: string) =>
    statementsOf(template, service)
      .filter((statement) => actionsOf([statement], 'secretsmanager:').length)
      .flatMap((statement) => ([] as unknown[]).concat(statement.Resource))
      .map((resource) => (resource as { Ref: string }).Ref)
      .sort();

  it('puts no secret value in any function’s environment', () => {
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function')) as Resource[])
      expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain('resolve:secretsmanager');
  });

  it('lets the API and visitor functions read the visitor-token, edge and token-key secrets, and nothing else from Secrets Manager', () => {
    for (const service of ['baton-api', 'baton-visitor']) {
      expect(readableBy(service)).toEqual(
        [secretId('EdgeSecret'), secretId('VisitorTokenSecret'), secretId('TokenKeySecret')].sort(),
      );
      const actions = actionsOf(statementsOf(template, service), 'secretsmanager:');
      expect([...new Set(actions)]).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    }
  });

  it('lets the live-chat socket read the visitor-token secret and the token key only', () => {
    expect(readableBy('baton-live-chat')).toEqual([secretId('VisitorTokenSecret'), secretId('TokenKeySecret')].sort());
  });

  it('lets the timer and funnel functions (they may refresh a calendar token) read the token key only', () => {
    for (const service of ['baton-timer', 'baton-funnel']) {
      expect(readableBy(service)).toEqual([secretId('TokenKeySecret')]);
      const actions = actionsOf(statementsOf(template, service), 'secretsmanager:');
      expect([...new Set(actions)]).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
    }
  });

  it('generates the token key at deploy (48 characters), so no key is ever in the repository', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: "Key of the reps' calendar OAuth tokens sealed in the table",
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
    });
  });

  it('gives the functions that sign and seal nothing no secret at all', () => {
    for (const service of ['baton-crm-sync', 'baton-mail', 'baton-outbox-forwarder', 'baton-outbox-sweeper'])
      expect(readableBy(service)).toEqual([]);
  });

  it('names each secret to the functions that read it by ARN', () => {
    const fn = Object.values(template.findResources('AWS::Lambda::Function')) as Resource[];
    const env = (service: string) =>
      fn.find((f) => f.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === service)!.Properties.Environment
        .Variables;
    for (const service of ['baton-api', 'baton-visitor'])
      expect(env(service)).toMatchObject({
        BATON_VISITOR_SECRET_ARN: { Ref: secretId('VisitorTokenSecret') },
        BATON_EDGE_SECRET_ARN: { Ref: secretId('EdgeSecret') },
      });
    expect(env('baton-live-chat')).toMatchObject({ BATON_VISITOR_SECRET_ARN: { Ref: secretId('VisitorTokenSecret') } });
    for (const service of ['baton-api', 'baton-visitor', 'baton-live-chat', 'baton-timer', 'baton-funnel'])
      expect(env(service)).toMatchObject({ BATON_TOKEN_KEY_SECRET_ARN: { Ref: secretId('TokenKeySecret') } });
  });
});
