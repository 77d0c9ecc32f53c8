import { App } from 'aws-cdk-lib';
import { addBatonStage } from './baton-app.js';
import { addComplianceChecks } from './compliance.js';
import { stageConfigOf } from './stage-config.js';

const app = new App();
const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
// The CLI sets these from the deploying profile; without credentials (synth, tests) the stack is region-agnostic.
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
addBatonStage(app, {
  stage,
  config: stageConfigOf(stage, app.node.tryGetContext('stages')),
  ...(account && region ? { env: { account, region } } : {}),
});
addComplianceChecks(app);
