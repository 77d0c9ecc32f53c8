import type { Clock } from '../../ports/clock.js';
import type { EventPublisher, Outbox } from '../../ports/outbox.js';
import type { Logger } from '@aws-lambda-powertools/logger';
import { relayOutbox, type RelayResult } from './relay-outbox.js';

/**
 * The scheduled safety net behind the table stream: events still pending `graceMinutes` after they
 * were written (the forwarder gave up on them, or its stream records expired) go to the bus again.
 * Younger ones are left to the stream, so the two do not race on every write.
 */
export async function sweepOutbox(
  deps: { outbox: Outbox; publisher: EventPublisher; clock: Clock; logger: Pick<Logger, 'warn' | 'info'> },
  { graceMinutes = 5, maxBatches = 500 }: { graceMinutes?: number; maxBatches?: number } = {},
): Promise<RelayResult> {
  const writtenBefore = new Date(deps.clock().getTime() - graceMinutes * 60_000).toISOString();
  const total: RelayResult = { delivered: 0, failed: 0 };
  const limit = 25;
  while (total.delivered + total.failed < maxBatches) {
    const round = await relayOutbox(deps, { limit, writtenBefore });
    total.delivered += round.delivered;
    total.failed += round.failed;
    // A short round saw everything pending; a round of failures only would see them again. Both wait
    // for the next sweep.
    if (round.delivered === 0 || round.delivered + round.failed < limit) break;
  }
  if (total.delivered + total.failed > 0) deps.logger.info('outbox swept', { ...total });
  return total;
}
