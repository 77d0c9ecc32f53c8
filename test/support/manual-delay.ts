import type { Delay } from '../../functions/ports/delay.js';

/** A delay the test ends by hand: nothing runs out until `elapse()`, however slow the machine. */
export function aManualDelay() {
  const waiting = new Set<() => void>();
  const delay: Delay = (_ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return;
      waiting.add(resolve);
      signal.addEventListener('abort', () => waiting.delete(resolve), { once: true });
    });
  return {
    delay,
    /** How many waits are running now. */
    get waiting() {
      return waiting.size;
    },
    /** Ends every wait running now, as if its time had passed. */
    elapse() {
      for (const resolve of waiting) resolve();
      waiting.clear();
    },
  };
}
