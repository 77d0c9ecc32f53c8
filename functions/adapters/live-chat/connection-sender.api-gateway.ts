import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { ConnectionSender } from '../../ports/live-connections.js';

/** Pushes through API Gateway's WebSocket management API; a connection API Gateway no longer has is gone. */
export class ApiGatewayConnectionSender implements ConnectionSender {
  private readonly client: ApiGatewayManagementApiClient;

  constructor(endpoint: string, client?: ApiGatewayManagementApiClient) {
    this.client = client ?? new ApiGatewayManagementApiClient({ endpoint });
  }

  async send(connectionId: string, data: string): Promise<boolean> {
    try {
      await this.client.send(
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode(data) }),
      );
      return true;
    } catch (error) {
      if (error instanceof GoneException) return false;
      throw error;
    }
  }
}
