import { handleLiveSocketClose, handleLiveSocketMessage } from '../app/live-chat/live-socket.js';
import { composeLiveSocket } from '../composition/compose-live-socket.js';
import { instrumentsOf, observed } from './observed.js';

const { deps, verifier, secrets, visitorSessionsFor } = composeLiveSocket(process.env);

interface WebSocketEvent {
  requestContext: { routeKey: string; connectionId: string };
  body?: string | null;
}

/** API Gateway WebSocket API: $connect, $disconnect and every message, handled as the local endpoint handles them. */
export const handler = observed(instrumentsOf(), async (event: WebSocketEvent): Promise<{ statusCode: number }> => {
  const { routeKey, connectionId } = event.requestContext;
  if (routeKey === '$disconnect') await handleLiveSocketClose(deps, connectionId);
  else if (routeKey !== '$connect') {
    const { visitor } = await secrets();
    await handleLiveSocketMessage(deps, verifier, visitorSessionsFor(visitor), connectionId, event.body ?? '');
  }
  return { statusCode: 200 };
});
