/** A fixed counting window: every use between `start` (inclusive) and `end` (exclusive) counts together. */
export interface RateWindow {
  /** The window's start as ISO-8601 UTC; part of the counter's key, so each window counts from zero. */
  id: string;
  end: Date;
}

/**
 * The window `now` falls in, windows of `seconds` aligned on the Unix epoch: the same for every
 * function instance, and a window of 86,400 s is exactly one UTC day (midnight to midnight).
 */
export function rateWindowOf(now: Date, seconds: number): RateWindow {
  const length = seconds * 1000;
  const start = Math.floor(now.getTime() / length) * length;
  return { id: new Date(start).toISOString(), end: new Date(start + length) };
}

/** Whole seconds until `end` as Retry-After says it: rounded up, so a client that waits that long is in the next window. */
export function secondsUntil(now: Date, end: Date): number {
  return Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000));
}
