import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateOf } from '../support/infra-template.js';

describe('the live-chat WebSocket API in the stack', () => {
  let template: Template;
  beforeAll(() => {
    template = templateOf();
  }, 180_000);

  it('is a WebSocket API whose connect, disconnect and messages reach the live-socket function', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET' });
    const [socketApi] = Object.keys(
      template.findResources('AWS::ApiGatewayV2::Api', { Properties: { ProtocolType: 'WEBSOCKET' } }),
    );
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'))
      .map((route) => (route as { Properties: { RouteKey: string; ApiId: unknown } }).Properties)
      .filter((route) => JSON.stringify(route.ApiId) === JSON.stringify({ Ref: socketApi }))
      .map((route) => route.RouteKey);
    expect(routes.sort()).toEqual(['$connect', '$default', '$disconnect']);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'live',
      AutoDeploy: true,
      DefaultRouteSettings: Match.objectLike({ ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 }),
    });
  });

  it('gives the socket function the table, the token settings and the endpoint it pushes through', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'baton-live-chat',
          BATON_TABLE: { Ref: Match.stringLikeRegexp('DataTable') },
          BATON_JWT_AUDIENCE: Match.anyValue(),
          BATON_LIVE_ENDPOINT: Match.anyValue(),
        }),
      },
    });
  });

  it('lets the API, visitor, socket, timer and funnel functions push to connections (an offer running out, a lead moved), and nothing else', () => {
    const pushers = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy).includes('execute-api:ManageConnections'),
    );
    expect(pushers).toHaveLength(5);
    for (const service of ['baton-api', 'baton-visitor', 'baton-timer', 'baton-funnel'])
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: service, BATON_LIVE_ENDPOINT: Match.anyValue() }),
        },
      });
  });
});
