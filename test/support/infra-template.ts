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
