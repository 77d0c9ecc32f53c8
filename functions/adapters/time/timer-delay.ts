import type { Delay } from '../../ports/delay.js';

/** The real delay: a Node timer, cleared when the wait is called off. */
export const timerDelay: Delay = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return;
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  });
