import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionId, templateOf } from '../support/infra-template.js';

type Resource = { Type: string; Properties: Record<string, any> };

describe('the console’s hosted sign-in in the stack (Cognito domain)', () => {
  let template: Template;
  beforeAll(() => {
    template = templateOf({}, 'Dev');
  }, 180_000);

  it('gives the user pool a Cognito-hosted sign-in domain named for the stage and the account', () => {
    const domains = Object.values(template.findResources('AWS::Cognito::UserPoolDomain')) as Resource[];
    expect(domains).toHaveLength(1);
    expect(domains[0]!.Properties.Domain).toEqual({ 'Fn::Join': ['-', ['baton-dev', { Ref: 'AWS::AccountId' }]] });
    expect(domains[0]!.Properties.UserPoolId).toEqual({ Ref: expect.stringMatching(/^Users/) });
  });

  it('tells the API function the domain and the console’s app client, so the console offers the hosted sign-in', () => {
    const api = template.findResources('AWS::Lambda::Function')[functionId(template, 'baton-api')] as Resource;
    const env = api.Properties.Environment.Variables;
    const [clientId] = Object.keys(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(env.BATON_CONSOLE_CLIENT_ID).toEqual({ Ref: clientId });
    expect(JSON.stringify(env.BATON_COGNITO_DOMAIN)).toMatch(/https:\/\/.*\.auth\..*amazoncognito\.com/);
  });
});
