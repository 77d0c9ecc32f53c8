import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * cdk-nag's AwsSolutions pack runs at every synth: an unacknowledged finding stops it. Each
 * acknowledgement sits next to the resource it is about, with its reason (`Validations.of(x).acknowledge`).
 */
export function addComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
