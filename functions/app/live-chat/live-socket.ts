import { z } from 'zod';
import { assertMayRead, mayActAs } from '../access/principal-access.js';
import { InvalidTokenError, type TokenVerifier } from '../../ports/token-verifier.js';
import { InvalidVisitorTokenError, type VisitorSessions } from '../../ports/visitor-sessions.js';
import type { Dependencies } from '../dependencies.js';
import { getLiveChat } from './get-live-chat.js';
import type { LivePush } from './live-wire.js';
import { postTyping } from './post-typing.js';

const ConversationId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);
const Token = z.string().min(1).max(4000);

/** What a client may send over a live connection; messages themselves go through the HTTP operations. */
export const LiveSocketMessage = z.discriminatedUnion('type', [
  /**
   * A visitor (with their visitor token) or a rep with the chat open (with their sign-in token) listens to
   * a conversation, resuming after the turn it has.
   */
  z
    .object({
      type: z.literal('subscribe'),
      conversationId: ConversationId,
      after: z.number().int().min(-1),
      visitorToken: Token.optional(),
      token: Token.optional(),
    })
    .strict(),
  /** A rep listens to their inbox. */
  z
    .object({
      type: z.literal('subscribe-inbox'),
      token: Token,
      siteKey: z.string().min(1).max(64),
    })
    .strict(),
  /** The visitor is typing; reps say so over HTTP (postRepTyping), where their token is checked. */
  z.object({ type: z.literal('typing'), conversationId: ConversationId, visitorToken: Token }).strict(),
]);

type SocketReply = LivePush | { type: 'error'; detail: string } | { type: 'subscribed' };

/**
 * One message from a live connection, the same for the local WebSocket server and API Gateway's
 * WebSocket API. Subscribing comes before reading what was missed, so a turn stored in between is
 * pushed, read, or both; clients drop a turn number they already have, so nothing is lost or shown twice.
 */
export async function handleLiveSocketMessage(
  deps: Dependencies,
  verifier: TokenVerifier,
  visitorSessions: VisitorSessions,
  connectionId: string,
  raw: string,
): Promise<void> {
  const reply = (message: SocketReply) => deps.connectionSender.send(connectionId, JSON.stringify(message));
  let parsed: z.infer<typeof LiveSocketMessage>;
  try {
    parsed = LiveSocketMessage.parse(JSON.parse(raw));
  } catch {
    await reply({ type: 'error', detail: 'Not a live message this server understands.' });
    return;
  }
  try {
    switch (parsed.type) {
      case 'subscribe': {
        if (parsed.visitorToken !== undefined)
          assertVisitorOwns(deps, visitorSessions, parsed.visitorToken, parsed.conversationId);
        else if (parsed.token !== undefined)
          await assertRepMayListen(deps, verifier, parsed.token, parsed.conversationId);
        else throw new InvalidTokenError('Listening to a conversation takes the visitor’s token or a rep’s.');
        await deps.liveConnections.subscribe(
          connectionId,
          { kind: 'conversation', conversationId: parsed.conversationId },
          deps.clock(),
        );
        const view = await getLiveChat(deps, parsed.conversationId, parsed.after);
        await reply({ type: 'subscribed' });
        if (view.turns.length > 0)
          await reply({ type: 'turns', conversationId: parsed.conversationId, turns: view.turns });
        return;
      }
      case 'subscribe-inbox': {
        const principal = await verifier.verify(parsed.token);
        if (!mayActAs(principal, parsed.siteKey, ['rep']) || principal.repId === null)
          throw new InvalidTokenError('This token is not a rep’s on this site.');
        await deps.liveConnections.subscribe(
          connectionId,
          { kind: 'rep', siteKey: parsed.siteKey, repId: principal.repId },
          deps.clock(),
        );
        await reply({ type: 'subscribed' });
        return;
      }
      case 'typing':
        assertVisitorOwns(deps, visitorSessions, parsed.visitorToken, parsed.conversationId);
        await postTyping(deps, parsed.conversationId, 'visitor');
        return;
    }
  } catch (error) {
    await reply({ type: 'error', detail: (error as Error).message });
  }
}

/** The visitor's token names the visitor the conversation was started for, on its site. */
function assertVisitorOwns(
  deps: Pick<Dependencies, 'clock'>,
  visitorSessions: VisitorSessions,
  visitorToken: string,
  conversationId: string,
): void {
  const session = visitorSessions.verify(visitorToken, deps.clock());
  if (!visitorSessions.ownsConversation(session, conversationId))
    throw new InvalidVisitorTokenError('This conversation is not this visitor’s.');
}

/** A rep listens only to a chat of their site that is theirs; sales and admins to any of their sites'. */
async function assertRepMayListen(
  deps: Pick<Dependencies, 'conversations' | 'liveChats'>,
  verifier: TokenVerifier,
  token: string,
  conversationId: string,
): Promise<void> {
  const principal = await verifier.verify(token);
  const stored = await deps.conversations.loadAll(conversationId);
  if (!stored) throw new InvalidTokenError('No conversation has this id.');
  const { siteKey } = stored.conversation;
  if (!mayActAs(principal, siteKey, ['rep', 'sales'])) throw new InvalidTokenError('This token is not for this site.');
  const chat = await deps.liveChats.get(siteKey, conversationId);
  assertMayRead(principal, { siteKey, ownerRepIds: [chat?.repId] }, 'conversation');
}

/** The connection closed: nothing is pushed to it any more. */
export async function handleLiveSocketClose(deps: Pick<Dependencies, 'liveConnections'>, connectionId: string) {
  await deps.liveConnections.remove(connectionId);
}
