import type { DomainEvent } from '../core/events/domain-event.js';

export interface SyncStatus {
  visitorId: string;
  target: string;
  status: 'pending' | 'synced' | 'failed';
  lastEventId: string;
  error: string | null;
  at: string;
}

export interface DeadLetter {
  siteKey: string;
  target: string;
  event: DomainEvent;
  error: string;
  attempts: number;
  at: string;
}

/** What the CRM sync keeps: which events it applied, each lead's status per target, and the failures to replay. */
export interface SyncStore {
  /** Marks the event as applied by the consumer; false when it already was. */
  seen(consumer: string, eventId: string): Promise<boolean>;
  remember(consumer: string, eventId: string): Promise<void>;
  setStatus(status: SyncStatus): Promise<void>;
  statuses(visitorId: string): Promise<SyncStatus[]>;
  putDeadLetter(letter: DeadLetter): Promise<void>;
  deadLetters(siteKey: string): Promise<DeadLetter[]>;
  removeDeadLetter(letter: DeadLetter): Promise<void>;
}
