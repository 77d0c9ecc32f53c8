import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BatonStack } from '../../infra/baton-stack.js';
import type { StageConfig } from '../../infra/stage-config.js';

export const devConfig: StageConfig = {
  sesIdentity: 'acme.test',
  mailFrom: 'Baton <baton@acme.test>',
  retainData: false,
};

/** The stack's template without bundling the functions (fast): for checks of resources and permissions. */
export function templateOf(config: Partial<StageConfig> = {}, stage = 'dev'): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new BatonStack(app, 'Test', { stage, config: { ...devConfig, ...config } }));
}
