import { parseArgs } from 'node:util';

/** What `npm run deploy` hands the CDK CLI: every stack of the stage, its outputs kept for the summary. */
export function deployPlan(argv: string[]): { stage: string; outputsFile: string; cdkArgs: string[] } {
  const { values } = parseArgs({
    args: argv,
    options: { stage: { type: 'string', default: 'dev' }, profile: { type: 'string' }, yes: { type: 'boolean' } },
  });
  const stage = values.stage;
  if (!/^[A-Za-z][A-Za-z0-9-]{0,30}$/.test(stage)) throw new Error(`Not a stage name: "${stage}"`);
  const outputsFile = `cdk.out/outputs-${stage}.json`;
  return {
    stage,
    outputsFile,
    cdkArgs: [
      'deploy',
      '--all',
      '--context',
      `stage=${stage}`,
      '--outputs-file',
      outputsFile,
      // Security-relevant changes (IAM, security groups) wait for a yes unless --yes.
      '--require-approval',
      values.yes ? 'never' : 'broadening',
      ...(values.profile ? ['--profile', values.profile] : []),
    ],
  };
}

/** The lines printed after a deploy, from the stage stack's outputs (`cdk deploy --outputs-file`). */
export function deploySummary(stage: string, outputs: Record<string, Record<string, string>>): string[] {
  const stack = outputs[`Baton-${stage}`];
  if (!stack?.PublicUrl) return [`No outputs of Baton-${stage} found: did the deploy finish?`];
  const url = stack.PublicUrl.replace(/\/+$/, '');
  return [
    `Baton ${stage} is deployed.`,
    `  Widget, manage links, API: ${url} (API reference ${url}/docs)`,
    `  Console:                   ${url}/admin (hosted sign-in ${stack.SignInDomain ?? '?'})`,
    `  HTTP API behind it:        ${stack.ApiUrl ?? '?'}`,
    `  Table:                     ${stack.TableName ?? '?'}`,
    'Next: create an admin in the user pool (README, Deploying to AWS), then',
    `  npm run create-site -- <siteKey> "<name>" --url ${url} --token <admin token>`,
    `  npm run smoke -- --url ${url} --site <siteKey> --email <a work email the rulebook routes to a rep>`,
  ];
}
