// @aws-sdk/client-apigatewaymanagementapi in the visitor function's build: see on-first-send.js.
import { client, command, error } from './on-first-send.js';

export const ApiGatewayManagementApiClient = client('apiGateway', 'ApiGatewayManagementApiClient');
export const PostToConnectionCommand = command('PostToConnectionCommand');
export const GoneException = error('GoneException');
