import { AssetHashType, DockerImage, Duration, Fn, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EDGE_SECRET_HEADER } from '../functions/http/edge-headers.js';
import { nagEnvironment } from './compliance.js';
import { EdgeWebAcl } from './web-acl.js';

export interface EdgeProps {
  httpApi: IHttpApi;
  /** Sent by CloudFront to the API on every request: the API trusts CloudFront's viewer headers only with it. */
  edgeSecret: string;
  /** A WAF web ACL made in us-east-1 (EdgeWebAclStack); without it the ACL is made here (a us-east-1 stack). */
  webAclArn?: string;
  requestsPerFiveMinutes: number;
  /** A custom domain and its ACM certificate (in us-east-1); without it visitors use the CloudFront address. */
  domain?: { name: string; certificateArn: string };
  removalPolicy: RemovalPolicy;
}

/** How long visitors' browsers and CloudFront keep the widget and page files: a new widget reaches everyone within this. */
export const STATIC_FILES_MAX_AGE = Duration.minutes(5);

/** `/manage/<meeting id>` and `/admin` are single documents on S3. */
const REWRITE_PAGES = `function handler(event) {
  var request = event.request;
  if (request.uri === '/admin' || request.uri === '/admin/') request.uri = '/admin/index.html';
  else if (/^\\/manage\\/[0-9A-HJKMNP-TV-Z]{26}$/.test(request.uri)) request.uri = '/manage/index.html';
  return request;
}`;

/**
 * One origin for everything a visitor or a person in the console loads: CloudFront with the widget,
 * console and manage page from a private S3 bucket and the HTTP API at /v1/* (and its /docs), behind WAF.
 */
export class Edge extends Construct {
  readonly distribution: Distribution;
  /** Where visitors reach Baton: the custom domain or the distribution's address. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with an ACL.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: false,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket of the site bucket and the distribution; logging it into itself would loop.',
    });
    const site = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: props.removalPolicy,
    });

    // The API's address without the scheme, as CloudFront wants an origin's domain.
    const apiDomain = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));
    const api = new HttpOrigin(apiDomain, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      customHeaders: { [EDGE_SECRET_HEADER]: props.edgeSecret },
    });
    const apiBehavior = {
      origin: api,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      // Every viewer header but Host (API Gateway answers to its own name) and CloudFront's viewer
      // headers: country, region and time zone for geo rules, set by CloudFront itself.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    const pageHeaders = new ResponseHeadersPolicy(this, 'PageHeaders', {
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: false },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: false },
      },
      // The widget's scripts load on customers' pages.
      corsBehavior: {
        accessControlAllowOrigins: ['*'],
        accessControlAllowMethods: ['GET', 'HEAD'],
        accessControlAllowHeaders: ['*'],
        accessControlAllowCredentials: false,
        originOverride: true,
      },
    });
    const staticFiles = new CachePolicy(this, 'StaticFiles', {
      comment: 'Baton widget and pages: the files say how long (Cache-Control), at most a day',
      defaultTtl: STATIC_FILES_MAX_AGE,
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const rewrite = new EdgeFunction(this, 'Pages', { code: FunctionCode.fromInline(REWRITE_PAGES) });
    const certificate = props.domain
      ? Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn)
      : undefined;

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Baton ${Stack.of(this).stackName}`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: staticFiles,
        responseHeadersPolicy: pageHeaders,
        functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: rewrite }],
      },
      additionalBehaviors: {
        '/v1/*': apiBehavior,
        '/docs': apiBehavior,
        '/openapi.json': apiBehavior,
        '/health': apiBehavior,
      },
      webAclId: props.webAclArn ?? new EdgeWebAcl(this, 'WebAcl', props).arn,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cdn/',
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.domain && certificate
        ? {
            domainNames: [props.domain.name],
            certificate,
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
    });
    this.publicUrl = props.domain
      ? `https://${props.domain.name}`
      : `https://${this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Visitors come from every country; geo rules route them (CloudFront viewer headers) instead of refusing them.',
    });
    if (!props.domain)
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the cloudfront.net certificate, whose TLS floor CloudFront sets; a stage with a domain gets TLSv1.2_2021.',
      });

    // The widget, console and manage page, built at synth; each deploy invalidates the cache.
    const repo = fileURLToPath(new URL('..', import.meta.url));
    new BucketDeployment(this, 'Files', {
      destinationBucket: site,
      sources: [
        Source.asset(`${repo}widget`, {
          exclude: ['dist'],
          // The files' own hash: the console, built into the same asset, changes it too.
          assetHashType: AssetHashType.OUTPUT,
          bundling: {
            // Used only if the local build could not run; it always can where `npm ci` ran.
            image: DockerImage.fromRegistry('node:22-slim'),
            local: {
              tryBundle(outputDir: string) {
                execFileSync('npx', ['tsx', `${repo}infra/build-site.ts`, outputDir], {
                  cwd: repo,
                  stdio: ['ignore', 'ignore', 'inherit'],
                });
                return true;
              },
            },
          },
        }),
      ],
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(STATIC_FILES_MAX_AGE)],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    acknowledgeBucketDeployment(Stack.of(this), Stack.of(this).getLogicalId(site.node.defaultChild as CfnBucket));
  }
}

/**
 * CDK's BucketDeployment copies the built files with one Lambda function per stack (a singleton beside
 * the construct) whose role and runtime CDK chooses; what cdk-nag finds there is acknowledged on it.
 */
function acknowledgeBucketDeployment(stack: Stack, siteBucketId: string): void {
  const copier = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!copier) return;
  const copies = "CDK's file copier for deploys only (BucketDeployment)";
  const nag = nagEnvironment(stack);
  const acknowledge = (id: string, reason: string) => Validations.of(copier).acknowledge({ id, reason });
  acknowledge('AwsSolutions-L1', `${copies}: CDK pins its Python runtime with the AWS CLI layer it ships.`);
  acknowledge(
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    `${copies}: CDK gives it the basic execution role for its logs.`,
  );
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'])
    acknowledge(
      `AwsSolutions-IAM5[Action::${action}]`,
      `${copies}: it reads the asset bucket and replaces the site bucket's files, nothing else.`,
    );
  acknowledge(
    `AwsSolutions-IAM5[Resource::arn:${nag.partition}:s3:::cdk-hnb659fds-assets-${nag.account}-${nag.region}/*]`,
    `${copies}: it reads the built files from CDK's bootstrap asset bucket.`,
  );
  acknowledge(
    `AwsSolutions-IAM5[Resource::<${siteBucketId}.Arn>/*]`,
    `${copies}: it writes every file of the site bucket, whose names come from the build.`,
  );
  acknowledge(
    'AwsSolutions-IAM5[Resource::*]',
    `${copies}: CloudFront invalidations (after each deploy, so the new widget shows) have no resource-level permission.`,
  );
}
