import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { deployPlan, deploySummary } from './deploy-command.js';

const plan = deployPlan(process.argv.slice(2));
const cdk = spawnSync('npx', ['cdk', ...plan.cdkArgs], {
  stdio: 'inherit',
  env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
});
if (cdk.status !== 0) process.exit(cdk.status ?? 1);
const outputs = JSON.parse(readFileSync(plan.outputsFile, 'utf8')) as Record<string, Record<string, string>>;
for (const line of deploySummary(plan.stage, outputs)) process.stdout.write(`${line}\n`);
