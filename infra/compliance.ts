import { type App, type Stack, Token, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * cdk-nag's AwsSolutions pack runs at every synth: an unacknowledged finding stops it. Each
 * acknowledgement sits next to the resource it is about, with its reason (`Validations.of(x).acknowledge`).
 */
export function addComplianceChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/** Partition, account and region as cdk-nag writes them in a finding: values, or the pseudo-parameters of an agnostic stack. */
export function nagEnvironment(stack: Stack): { partition: string; account: string; region: string } {
  const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
  return {
    partition: shown(stack.partition, 'Partition'),
    account: shown(stack.account, 'AccountId'),
    region: shown(stack.region, 'Region'),
  };
}
