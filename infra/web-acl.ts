import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface EdgeWebAclProps {
  /** Requests one IP may make in any five minutes before WAF blocks it (API calls and files together). */
  requestsPerFiveMinutes: number;
}

/**
 * The WAF web ACL on the CloudFront distribution: a rate-based rule per client IP (CloudFront's own,
 * not a forwarded header) and AWS's known-bad-input and IP-reputation lists. WAF accepts a
 * CLOUDFRONT-scoped ACL only in us-east-1 (see EdgeWebAclStack).
 */
export class EdgeWebAcl extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const managed = (priority: number, name: string) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });
    const acl = new CfnWebACL(this, 'Acl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('baton-edge'),
      rules: [
        {
          name: 'RatePerIp',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              limit: props.requestsPerFiveMinutes,
              evaluationWindowSec: 300,
            },
          },
          visibilityConfig: visibility('baton-rate-per-ip'),
        },
        managed(1, 'AWSManagedRulesKnownBadInputsRuleSet'),
        managed(2, 'AWSManagedRulesAmazonIpReputationList'),
      ],
    });
    this.arn = acl.attrArn;
  }
}

/** The web ACL in its own stack in us-east-1, for a Baton stack deployed in any other region. */
export class EdgeWebAclStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: StackProps & EdgeWebAclProps) {
    super(scope, id, props);
    this.webAclArn = new EdgeWebAcl(this, 'WebAcl', props).arn;
  }
}
