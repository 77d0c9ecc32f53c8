import type { DetailOf, DetailType, DomainEvent } from './domain-event.js';

/** Builds an event; the id is derived from what happened, so the same fact always has the same id. */
export function domainEvent<T extends DetailType>(
  detailType: T,
  id: string,
  siteKey: string,
  time: string,
  detail: DetailOf<T>,
): DomainEvent {
  return { id, time, source: 'baton', siteKey, version: 1, detailType, detail } as DomainEvent;
}
