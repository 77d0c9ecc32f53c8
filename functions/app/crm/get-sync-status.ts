import type { Dependencies } from '../dependencies.js';

/** Per CRM and webhook: whether the visitor's last event reached it, or failed and why. */
export async function getSyncStatus(deps: Pick<Dependencies, 'sync'>, visitorId: string) {
  return { visitorId, targets: await deps.sync.statuses(visitorId) };
}
