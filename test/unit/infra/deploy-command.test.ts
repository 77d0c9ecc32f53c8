import { describe, expect, it } from 'vitest';
import { deployPlan, deploySummary } from '../../../infra/deploy-command.js';

describe('npm run deploy (the CDK CLI with the stage, then the URLs)', () => {
  it('deploys every stack of the dev stage by default, keeping the outputs and asking before security-relevant changes', () => {
    expect(deployPlan([])).toEqual({
      stage: 'dev',
      outputsFile: 'cdk.out/outputs-dev.json',
      cdkArgs: [
        'deploy',
        '--all',
        '--context',
        'stage=dev',
        '--outputs-file',
        'cdk.out/outputs-dev.json',
        '--require-approval',
        'broadening',
      ],
    });
  });

  it('takes the stage, a profile and --yes', () => {
    const plan = deployPlan(['--stage', 'prod', '--profile', 'acme', '--yes']);

    expect(plan.cdkArgs).toEqual([
      'deploy',
      '--all',
      '--context',
      'stage=prod',
      '--outputs-file',
      'cdk.out/outputs-prod.json',
      '--require-approval',
      'never',
      '--profile',
      'acme',
    ]);
  });

  it('refuses a stage name that is not one (it names stacks and files)', () => {
    expect(() => deployPlan(['--stage', '../x'])).toThrow(/Not a stage name/);
    expect(() => deployPlan(['--stage', ''])).toThrow(/Not a stage name/);
  });

  it("prints the stage stack's addresses and the next commands from the outputs file", () => {
    const lines = deploySummary('prod', {
      'Baton-prod-edge': {},
      'Baton-prod': {
        PublicUrl: 'https://d111.cloudfront.net',
        ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
        SignInDomain: 'https://baton-prod-123.auth.eu-west-1.amazoncognito.com',
        TableName: 'Baton-prod-DataTable',
      },
    });

    expect(lines).toContain(
      '  Console:                   https://d111.cloudfront.net/admin (hosted sign-in https://baton-prod-123.auth.eu-west-1.amazoncognito.com)',
    );
    expect(lines).toContainEqual(expect.stringContaining('npm run smoke -- --url https://d111.cloudfront.net'));
    expect(deploySummary('dev', {})).toEqual(['No outputs of Baton-dev found: did the deploy finish?']);
  });
});
