import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { addBatonStage } from '../../infra/baton-app.js';
import { BatonStack } from '../../infra/baton-stack.js';
import { addComplianceChecks } from '../../infra/compliance.js';
import { devConfig, testApp } from '../support/infra-template.js';

/** Every acknowledgement in the tree: rule id, the construct it sits on, its reason. */
function acknowledgementsIn(root: IConstruct) {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ''),
          path: construct.node.path,
          reason: String(reason),
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions checks', () => {
  for (const retainData of [false, true]) {
    it(`find nothing unacknowledged in the stack (${retainData ? 'a stage that keeps its data' : 'a throw-away stage'})`, () => {
      const app = testApp();
      new BatonStack(app, 'Checked', { stage: retainData ? 'prod' : 'dev', config: { ...devConfig, retainData } });
      addComplianceChecks(app);
      // A finding throws with the report: rule, construct path and how to acknowledge it.
      expect(() => app.synth({ force: true })).not.toThrow();
    }, 180_000);
  }

  it('find nothing unacknowledged in a stage outside us-east-1 with its own domain (two stacks)', () => {
    const app = testApp();
    addBatonStage(app, {
      stage: 'prod',
      config: {
        ...devConfig,
        retainData: true,
        domain: { name: 'chat.acme.test', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
      },
      env: { account: '123456789012', region: 'eu-west-1' },
    });
    addComplianceChecks(app);
    expect(() => app.synth({ force: true })).not.toThrow();
  }, 180_000);

  it('stop the synth on a finding nobody acknowledged', () => {
    const app = new App();
    // A queue without a dead-letter queue, without TLS enforced.
    new Queue(new Stack(app, 'Careless'), 'Queue');
    addComplianceChecks(app);
    expect(() => app.synth({ force: true })).toThrow(/AwsSolutions-SQS3[\s\S]*Careless\/Queue/);
  });

  it('acknowledge each remaining finding on its own resource, with the reason it stays', () => {
    const app = testApp();
    const stack = new BatonStack(app, 'Checked', { stage: 'dev', config: devConfig });
    const acknowledgements = acknowledgementsIn(stack);
    expect([...new Set(acknowledgements.map((ack) => ack.id.replace(/\[.*$/, '')))].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR4',
      'AwsSolutions-COG8',
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
      'AwsSolutions-L1',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
    // Managed policies and old runtimes only where CDK builds the function (the deploy-time file copier).
    for (const ack of acknowledgements.filter((a) => /IAM4|L1/.test(a.id)))
      expect(ack.path).toMatch(/Custom::CDKBucketDeployment/);
    for (const ack of acknowledgements) {
      // Never on the stack or the app as a whole: each one is about a resource someone can look at.
      expect(ack.path.split('/').length, ack.path).toBeGreaterThan(1);
      expect(ack.reason.length, `${ack.id} on ${ack.path}`).toBeGreaterThan(60);
    }
    // The wildcard acknowledgements name the exact resource pattern, never the rule as a whole.
    for (const ack of acknowledgements.filter((a) => a.id.startsWith('AwsSolutions-IAM5')))
      expect(ack.id).toMatch(/^AwsSolutions-IAM5\[(Resource|Action)::.+\]$/);
  }, 180_000);
});
