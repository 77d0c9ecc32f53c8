/** What a live connection listens to: one conversation (a visitor, or a rep who has it open), or a rep's inbox. */
export type LiveSubscription =
  | { kind: 'conversation'; conversationId: string }
  | { kind: 'rep'; siteKey: string; repId: string };

/** Connection records: which open WebSocket connections listen to what (DynamoDB in AWS and locally). */
export interface LiveConnections {
  subscribe(connectionId: string, subscription: LiveSubscription, at: Date): Promise<void>;
  /** Forgets the connection and every subscription it had. */
  remove(connectionId: string): Promise<void>;
  listeners(subscription: LiveSubscription): Promise<string[]>;
}

/** Sends to one open connection: the local WebSocket server, or API Gateway's management API. */
export interface ConnectionSender {
  /** False when the connection is gone; its records are then removed. */
  send(connectionId: string, data: string): Promise<boolean>;
}
