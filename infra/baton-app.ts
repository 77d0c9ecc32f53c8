import type { App } from 'aws-cdk-lib';
import { BatonStack } from './baton-stack.js';
import type { StageConfig } from './stage-config.js';
import { EdgeWebAclStack } from './web-acl.js';

/**
 * The stacks of one stage. A CloudFront web ACL must live in us-east-1: a stage deployed elsewhere gets
 * a small second stack there (`Baton-<stage>-edge`) whose ACL the main stack reads across regions; a
 * stage in us-east-1, or synthesized without an account and region, keeps the ACL in its one stack.
 */
export function addBatonStage(
  app: App,
  { stage, config, env }: { stage: string; config: StageConfig; env?: { account: string; region: string } },
) {
  const acl =
    env && env.region !== 'us-east-1'
      ? new EdgeWebAclStack(app, `Baton-${stage}-edge`, {
          env: { account: env.account, region: 'us-east-1' },
          crossRegionReferences: true,
          description: `Baton ${stage}: the WAF web ACL of the CloudFront distribution (WAF needs us-east-1)`,
          requestsPerFiveMinutes: config.requestsPerFiveMinutes,
        })
      : undefined;
  const stack = new BatonStack(app, `Baton-${stage}`, {
    description: 'Baton conversational routing engine',
    ...(env ? { env } : {}),
    ...(acl ? { crossRegionReferences: true, webAclArn: acl.webAclArn } : {}),
    stage,
    config,
  });
  return { stack, acl };
}
