import type { LiveSubscription } from '../../ports/live-connections.js';
import type { Dependencies } from '../dependencies.js';
import type { LivePush } from './live-wire.js';

export type PushDependencies = Pick<Dependencies, 'liveConnections' | 'connectionSender' | 'logger'>;

/**
 * Sends to every connection listening; a connection that is gone loses its records. A push that
 * fails costs nothing: the message is stored as a turn, and a client that resumes gets it.
 */
export async function pushLive(deps: PushDependencies, subscription: LiveSubscription, push: LivePush): Promise<void> {
  try {
    const data = JSON.stringify(push);
    const listeners = await deps.liveConnections.listeners(subscription);
    await Promise.all(
      listeners.map(async (connectionId) => {
        const delivered = await deps.connectionSender.send(connectionId, data).catch(() => false);
        if (!delivered) await deps.liveConnections.remove(connectionId);
      }),
    );
  } catch (error) {
    deps.logger.warn('live push not delivered', { kind: subscription.kind, error: (error as Error).message });
  }
}
