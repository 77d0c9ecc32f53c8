import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { BatonStack } from '../../infra/baton-stack.js';
import type { StageConfig } from '../../infra/stage-config.js';

export const devConfig: StageConfig = {
  sesIdentity: 'acme.test',
  mailFrom: 'Baton <baton@acme.test>',
  retainData: false,
  requestsPerFiveMinutes: 2000,
};

/** cdk.json's context (feature flags included), so a test's template is the one `npm run synth` makes. */
const cdkContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> }
).context;

/** An app as the CDK CLI builds it, without bundling the functions (fast): for checks of resources and permissions. */
export function testApp(): App {
  return new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
}

/** The stack's template: for checks of resources and permissions. */
export function templateOf(config: Partial<StageConfig> = {}, stage = 'dev'): Template {
  return Template.fromStack(new BatonStack(testApp(), 'Test', { stage, config: { ...devConfig, ...config } }));
}

type Resource = { Type: string; Properties: Record<string, any> };

/** The logical id of the function whose POWERTOOLS_SERVICE_NAME is `service`. */
export function functionId(template: Template, service: string): string {
  const [id] = Object.entries(template.findResources('AWS::Lambda::Function')).find(
    ([, fn]) => (fn as Resource).Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === service,
  )!;
  return id;
}

/** Every IAM statement attached to the role of the function. */
export function statementsOf(
  template: Template,
  service: string,
): Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown }> {
  const fn = template.findResources('AWS::Lambda::Function')[functionId(template, service)] as Resource;
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy as Resource).Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap((policy) => (policy as Resource).Properties.PolicyDocument.Statement);
}

export const actionsOf = (statements: Array<{ Action: string | string[] }>, prefix: string) =>
  statements
    .flatMap((statement) => ([] as string[]).concat(statement.Action))
    .filter((action) => action.startsWith(prefix))
    .sort();
