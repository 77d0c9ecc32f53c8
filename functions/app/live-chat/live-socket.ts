import { z } from 'zod';
import { mayActAs } from '../access/principal-access.js';
import { InvalidTokenError, type TokenVerifier } from '../../ports/token-verifier.js';
import type { Dependencies } from '../dependencies.js';
import { getLiveChat } from './get-live-chat.js';
import type { LivePush } from './live-wire.js';
import { postTyping } from './post-typing.js';

const ConversationId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

/** What a client may send over a live connection; messages themselves go through the HTTP operations. */
export const LiveSocketMessage = z.discriminatedUnion('type', [
  /** A visitor (or a rep with the chat open) listens to a conversation, resuming after the turn it has. */
  z.object({ type: z.literal('subscribe'), conversationId: ConversationId, after: z.number().int().min(-1) }).strict(),
  /** A rep listens to their inbox. */
  z
    .object({
      type: z.literal('subscribe-inbox'),
      token: z.string().min(1).max(4000),
      siteKey: z.string().min(1).max(64),
    })
    .strict(),
  /** The visitor is typing; reps say so over HTTP (postRepTyping), where their token is checked. */
  z.object({ type: z.literal('typing'), conversationId: ConversationId }).strict(),
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
        await postTyping(deps, parsed.conversationId, 'visitor');
        return;
    }
  } catch (error) {
    await reply({ type: 'error', detail: (error as Error).message });
  }
}

/** The connection closed: nothing is pushed to it any more. */
export async function handleLiveSocketClose(deps: Pick<Dependencies, 'liveConnections'>, connectionId: string) {
  await deps.liveConnections.remove(connectionId);
}
