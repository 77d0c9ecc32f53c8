import { App } from 'aws-cdk-lib';
import { BatonStack } from './baton-stack.js';
import { addComplianceChecks } from './compliance.js';
import { stageConfigOf } from './stage-config.js';

const app = new App();
const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
// No account or region here: synth works without AWS credentials; deploy takes them from the CLI profile.
new BatonStack(app, `Baton-${stage}`, {
  description: 'Baton conversational routing engine',
  stage,
  config: stageConfigOf(stage, app.node.tryGetContext('stages')),
});
addComplianceChecks(app);
