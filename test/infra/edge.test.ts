import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { addBatonStage } from '../../infra/baton-app.js';
import { devConfig, templateOf, testApp } from '../support/infra-template.js';

type Resource = { Type: string; Properties: Record<string, any> };

/** CloudFront's managed policies, by their fixed ids. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

function only(template: Template, type: string): [string, Resource] {
  const entries = Object.entries(template.findResources(type));
  expect(entries, type).toHaveLength(1);
  return entries[0] as [string, Resource];
}

function functionEnv(template: Template, service: string): Record<string, unknown> {
  const fn = Object.values(template.findResources('AWS::Lambda::Function')).find(
    (resource) => (resource as Resource).Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === service,
  ) as Resource;
  return fn.Properties.Environment.Variables;
}

describe('one origin: CloudFront in front of the files and the API', () => {
  let template: Template;
  let distribution: Record<string, any>;
  let distributionId: string;
  beforeAll(() => {
    template = templateOf({ requestsPerFiveMinutes: 1500 });
    const [id, resource] = only(template, 'AWS::CloudFront::Distribution');
    distributionId = id;
    distribution = resource.Properties.DistributionConfig;
  }, 180_000);

  it('serves the widget, console and manage page from a private bucket through origin access control', () => {
    const [bucketId] = Object.entries(template.findResources('AWS::S3::Bucket')).find(
      ([, bucket]) => (bucket as Resource).Properties.LoggingConfiguration,
    )!;
    const s3Origin = distribution.Origins.find((origin: any) => origin.S3OriginConfig);
    expect(s3Origin.DomainName).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
    expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(distribution.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: s3Origin.Id,
      ViewerProtocolPolicy: 'redirect-to-https',
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: expect.anything() }],
    });
    // Manage links and the console are single documents on S3.
    const [, rewrite] = only(template, 'AWS::CloudFront::Function');
    expect(rewrite.Properties.FunctionCode).toContain("'/manage/index.html'");
    expect(rewrite.Properties.FunctionCode).toContain("'/admin/index.html'");
  });

  it('sends /v1/*, the docs and health to the HTTP API uncached, with CloudFront’s viewer headers and its secret', () => {
    const apiOrigin = distribution.Origins.find((origin: any) => origin.CustomOriginConfig);
    expect(apiOrigin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(JSON.stringify(apiOrigin.DomainName)).toContain('ApiEndpoint');
    const edgeHeader = apiOrigin.OriginCustomHeaders.find((header: any) => header.HeaderName === 'x-baton-edge');
    expect(JSON.stringify(edgeHeader.HeaderValue)).toContain(`{{resolve:secretsmanager:`);
    // The header names one of the stack's generated secrets (the visitor-token secret is another).
    const secretIds = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
    expect(secretIds.filter((id) => JSON.stringify(edgeHeader.HeaderValue).includes(id))).toHaveLength(1);
    // The API functions read the same secret (by ARN, at run time) before they believe a country header.
    const [edgeSecretId] = secretIds.filter((id) => JSON.stringify(edgeHeader.HeaderValue).includes(id));
    for (const service of ['baton-api', 'baton-visitor'])
      expect(functionEnv(template, service).BATON_EDGE_SECRET_ARN).toEqual({ Ref: edgeSecretId });
    const apiPaths = distribution.CacheBehaviors.filter((behavior: any) => behavior.TargetOriginId === apiOrigin.Id);
    expect(apiPaths.map((behavior: any) => behavior.PathPattern).sort()).toEqual([
      '/docs',
      '/health',
      '/openapi.json',
      '/v1/*',
    ]);
    for (const behavior of apiPaths)
      expect(behavior).toMatchObject({
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
      });
  });

  it('puts a WAF web ACL with a rate limit per client IP on the distribution', () => {
    const [aclId, acl] = only(template, 'AWS::WAFv2::WebACL');
    expect(acl.Properties.Scope).toBe('CLOUDFRONT');
    expect(acl.Properties.Rules[0]).toMatchObject({
      Action: { Block: {} },
      Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 1500, EvaluationWindowSec: 300 } },
    });
    expect(distribution.WebACLId).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
  });

  it('gives the functions the distribution’s address as the public URL, and the console’s sign-in comes back to it', () => {
    const address = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] };
    for (const service of ['baton-api', 'baton-visitor', 'baton-mail', 'baton-crm-sync'])
      expect(functionEnv(template, service).BATON_PUBLIC_URL).toEqual(address);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/admin/']] }],
    });
  });

  it('lets a new widget reach visitors within five minutes: files cached 300 s, every deploy invalidates', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SystemMetadata: { 'cache-control': 'public, max-age=300' },
      DistributionId: { Ref: distributionId },
      DistributionPaths: ['/*'],
    });
    const cachePolicyId = distribution.DefaultCacheBehavior.CachePolicyId.Ref as string;
    expect(
      (template.findResources('AWS::CloudFront::CachePolicy')[cachePolicyId] as Resource).Properties.CachePolicyConfig,
    ).toMatchObject({ DefaultTTL: 300, MinTTL: 0 });
  });

  it('uses a custom domain with its certificate when the stage has one', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
    const custom = templateOf({ domain: { name: 'chat.acme.test', certificateArn } });
    custom.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['chat.acme.test'],
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
        }),
      }),
    });
    expect(functionEnv(custom, 'baton-api').BATON_PUBLIC_URL).toBe('https://chat.acme.test');
  }, 180_000);
});

describe('a stage deployed outside us-east-1', () => {
  it('gets its web ACL from a second stack in us-east-1, read across regions', () => {
    const app = testApp();
    const { stack, acl } = addBatonStage(app, {
      stage: 'prod',
      config: { ...devConfig, retainData: true },
      env: { account: '123456789012', region: 'eu-west-1' },
    });
    expect(acl?.region).toBe('us-east-1');
    Template.fromStack(acl!).resourceCountIs('AWS::WAFv2::WebACL', 1);
    const main = Template.fromStack(stack);
    main.resourceCountIs('AWS::WAFv2::WebACL', 0);
    const [, distribution] = only(main, 'AWS::CloudFront::Distribution');
    expect(distribution.Properties.DistributionConfig.WebACLId).toEqual({
      'Fn::GetStackOutput': { StackName: 'Baton-prod-edge', Region: 'us-east-1', OutputName: expect.any(String) },
    });
  }, 180_000);

  it('keeps everything in one stack in us-east-1', () => {
    const { acl, stack } = addBatonStage(testApp(), {
      stage: 'prod',
      config: devConfig,
      env: { account: '123456789012', region: 'us-east-1' },
    });
    expect(acl).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::WAFv2::WebACL', 1);
  }, 180_000);
});
