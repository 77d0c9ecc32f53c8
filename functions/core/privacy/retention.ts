/** How long a site keeps what it holds about visitors, counted from the conversation's start and the visitor's last signal. */
export interface Retention {
  conversationDays: number;
  visitorDays: number;
}

/** About 13 months: a year of history plus the month a yearly comparison needs. */
export const DEFAULT_RETENTION: Retention = { conversationDays: 395, visitorDays: 395 };

const DAY_MS = 86_400_000;

export const retentionOf = (site: { retention?: Partial<Retention> | undefined }): Retention => ({
  ...DEFAULT_RETENTION,
  ...site.retention,
});

/**
 * The DynamoDB TTL value (epoch seconds) of something kept `days` from `from`. Rounded up, so nothing
 * expires before its full time; expiry is the first millisecond of that second.
 */
export const expiryOf = (from: string, days: number): number => Math.ceil((Date.parse(from) + days * DAY_MS) / 1000);

/** Gone from every read from its expiry on; DynamoDB deletes it some time later, the embedded store never. */
export const isExpired = (expiresAt: number | undefined, now: Date): boolean =>
  expiresAt !== undefined && expiresAt * 1000 <= now.getTime();
