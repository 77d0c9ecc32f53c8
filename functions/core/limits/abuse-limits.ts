import { type RateWindow, rateWindowOf } from './rate-window.js';

/** At most `limit` uses per window of `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** The deployment's abuse limits on public (visitor) operations; configuration sets them, these are the defaults. */
export interface AbuseLimits {
  /** Every public request from one client address. */
  perIp: RateLimit;
  /** Every public request of one visitor (their token), or on one manage link's meeting. */
  perVisitor: RateLimit;
  /** Every public request on one site, whoever sends it. */
  perSite: RateLimit;
  /** Meetings booked (bookMeeting) with one email address per UTC day. */
  bookingsPerEmailPerDay: number;
  /** Meetings booked (bookMeeting) from one client address per UTC day. */
  bookingsPerIpPerDay: number;
  /** Visitor messages one conversation takes; the next is refused. */
  turnsPerConversation: number;
}

export const defaultAbuseLimits: AbuseLimits = {
  perIp: { limit: 300, windowSeconds: 60 },
  perVisitor: { limit: 60, windowSeconds: 60 },
  perSite: { limit: 6000, windowSeconds: 60 },
  bookingsPerEmailPerDay: 3,
  bookingsPerIpPerDay: 10,
  turnsPerConversation: 200,
};

/** One atomic counter a request takes a unit of: `subject` counts within `window`, refused at `limit`. */
export interface CounterTake {
  subject: string;
  window: RateWindow;
  limit: number;
}

/** Who a public request comes from, as far as it is known before the operation runs. */
export interface Requester {
  ip: string;
  /** The visitor of the token, or the meeting of a manage link; none on a visitor's first call. */
  visitor?: string | undefined;
  siteKey?: string | undefined;
}

/** The counters one public request takes: its address always, its visitor and its site when known. */
export function rateCountersOf(limits: AbuseLimits, requester: Requester, now: Date): CounterTake[] {
  const take = (subject: string, { limit, windowSeconds }: RateLimit): CounterTake => ({
    subject,
    window: rateWindowOf(now, windowSeconds),
    limit,
  });
  return [
    take(`ip#${requester.ip}`, limits.perIp),
    ...(requester.visitor ? [take(`visitor#${requester.visitor}`, limits.perVisitor)] : []),
    ...(requester.siteKey ? [take(`site#${requester.siteKey}`, limits.perSite)] : []),
  ];
}

const DAY_SECONDS = 86_400;

/** The counters one booking takes: its email and its address, each per UTC day. */
export function bookingCountersOf(
  limits: AbuseLimits,
  booking: { siteKey: string; emailHash: string; ip: string },
  now: Date,
): CounterTake[] {
  const day = rateWindowOf(now, DAY_SECONDS);
  return [
    {
      subject: `booking-email#${booking.siteKey}#${booking.emailHash}`,
      window: day,
      limit: limits.bookingsPerEmailPerDay,
    },
    { subject: `booking-ip#${booking.siteKey}#${booking.ip}`, window: day, limit: limits.bookingsPerIpPerDay },
  ];
}

/** Whether a conversation that has taken `turns` visitor messages may take one more. */
export const mayTakeTurn = (limits: AbuseLimits, turns: number): boolean => turns < limits.turnsPerConversation;
