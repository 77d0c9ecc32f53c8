/** An anonymous visitor of one site, as a verified visitor token names them. */
export interface VisitorSession {
  siteKey: string;
  visitorId: string;
}

/**
 * Server-signed visitor tokens, and conversation ids bound to the visitor who started them, so a
 * request can be checked against its visitor without reading anything.
 */
export interface VisitorSessions {
  /** A token for this visitor of this site, valid for the configured lifetime from `now`. */
  issue(session: VisitorSession, now: Date): string;
  /** Throws InvalidVisitorTokenError for a token this deployment did not sign, or one that has expired. */
  verify(token: string, now: Date): VisitorSession;
  /** A new conversation id (a ULID) that only this visitor's token opens. */
  newConversationId(session: VisitorSession, now: Date): string;
  /** Whether the conversation id was issued to this visitor of this site. */
  ownsConversation(session: VisitorSession, conversationId: string): boolean;
}

export class InvalidVisitorTokenError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'InvalidVisitorTokenError';
  }
}
