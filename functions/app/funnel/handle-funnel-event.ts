import type { DomainEvent } from '../../core/events/domain-event.js';
import type { Dependencies } from '../dependencies.js';
import { advanceLeadOnEvent } from './advance-lead-on-event.js';
import { excludeFromRouting } from './exclude-from-routing.js';
import { notifyOnLeadEvent } from './notify-on-lead-event.js';
import { updateReports } from '../reporting/update-reports.js';

/** The funnel's consumers of domain events (lifecycle, routing exclusions, notifications, report aggregates), in one entry for the bus (local) and EventBridge (AWS). */
export async function handleFunnelEvent(deps: Dependencies, event: DomainEvent): Promise<void> {
  await advanceLeadOnEvent(deps, event);
  await excludeFromRouting(deps, event);
  await notifyOnLeadEvent(deps, event);
  await updateReports(deps, event);
}
