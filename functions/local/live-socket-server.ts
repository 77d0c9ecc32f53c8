import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import type { Dependencies } from '../app/dependencies.js';
import { handleLiveSocketClose, handleLiveSocketMessage } from '../app/live-chat/live-socket.js';
import type { ConnectionSender } from '../ports/live-connections.js';
import type { TokenVerifier } from '../ports/token-verifier.js';
import type { VisitorSessions } from '../ports/visitor-sessions.js';

export const LIVE_SOCKET_PATH = '/v1/live';

/** Largest message a client may send; clients send small control messages only. */
const MAX_MESSAGE_BYTES = 8 * 1024;

/**
 * The local stand-in for API Gateway's WebSocket API, on the same port as the HTTP server: each
 * connection gets an id, its records go to the table like in AWS, and pushes reach it through `sender`.
 */
export function attachLiveSocketServer(
  server: Server,
  deps: Dependencies,
  verifier: TokenVerifier,
  visitorSessions: VisitorSessions,
) {
  const sockets = new Map<string, WebSocket>();
  const wss = new WebSocketServer({ server, path: LIVE_SOCKET_PATH, maxPayload: MAX_MESSAGE_BYTES });
  const sender: ConnectionSender = {
    async send(connectionId, data) {
      const socket = sockets.get(connectionId);
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      await new Promise<void>((resolve, reject) => socket.send(data, (error) => (error ? reject(error) : resolve())));
      return true;
    },
  };
  wss.on('connection', (socket) => {
    const connectionId = randomUUID();
    sockets.set(connectionId, socket);
    // Messages of one connection are handled in order, so a subscribe is done before the next message.
    let queue = Promise.resolve();
    socket.on('message', (data) => {
      queue = queue.then(() =>
        handleLiveSocketMessage(deps, verifier, visitorSessions, connectionId, String(data)).catch((error: unknown) =>
          deps.logger.warn('live message failed', { error: (error as Error).message }),
        ),
      );
    });
    socket.on('close', () => {
      sockets.delete(connectionId);
      void queue
        .then(() => handleLiveSocketClose(deps, connectionId))
        .catch((error: unknown) =>
          deps.logger.warn('live connection not forgotten', { error: (error as Error).message }),
        );
    });
  });
  return {
    sender,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets.values()) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}
