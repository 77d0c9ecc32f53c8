import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { timerDelay } from '../../../../functions/adapters/time/timer-delay.js';

describe('timerDelay', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ends when its time has passed, not a millisecond before', async () => {
    let ended = false;
    void timerDelay(100, new AbortController().signal).then(() => (ended = true));

    await vi.advanceTimersByTimeAsync(99);
    expect(ended).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(ended).toBe(true);
  });

  it('never ends once called off, and leaves no timer behind', async () => {
    const off = new AbortController();
    let ended = false;
    void timerDelay(100, off.signal).then(() => (ended = true));

    off.abort();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(ended).toBe(false);
  });

  it('starts no timer when called off before it starts', () => {
    const off = new AbortController();
    off.abort();
    void timerDelay(100, off.signal);
    expect(vi.getTimerCount()).toBe(0);
  });
});
