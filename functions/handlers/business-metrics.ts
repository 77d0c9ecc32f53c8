import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { DomainEvent } from '../core/events/domain-event.js';

/** The business metrics, in CloudWatch under the `Baton` namespace with the funnel function's service dimension. */
export const businessMetricNames = [
  'ConversationsStarted',
  'ConversationsRouted',
  'RoutedViaFallback',
  'MeetingsBooked',
  'SlaBreaches',
] as const;
type BusinessMetric = (typeof businessMetricNames)[number];

/** What one domain event adds to the business metrics (most events add nothing). */
export function businessMetricsOf(event: DomainEvent): BusinessMetric[] {
  switch (event.detailType) {
    case 'ConversationStarted':
      return ['ConversationsStarted'];
    case 'VisitorRouted':
      return event.detail.viaFallback ? ['ConversationsRouted', 'RoutedViaFallback'] : ['ConversationsRouted'];
    case 'MeetingBooked':
      return ['MeetingsBooked'];
    case 'SlaBreached':
      return ['SlaBreaches'];
    default:
      return [];
  }
}

/**
 * Counts an event the funnel consumer has handled. Counted from committed events rather than in the request
 * path, so the visitor function carries no metrics code and a request that failed after all counts nothing;
 * the site goes with the EMF line as metadata (searchable in the logs), not as a dimension (a metric per site).
 */
export function countBusinessEvent(metrics: Pick<Metrics, 'addMetric' | 'addMetadata'>, event: DomainEvent): void {
  const names = businessMetricsOf(event);
  if (names.length === 0) return;
  for (const name of names) metrics.addMetric(name, 'Count', 1);
  metrics.addMetadata('siteKey', event.siteKey);
  metrics.addMetadata('eventId', event.id);
}
