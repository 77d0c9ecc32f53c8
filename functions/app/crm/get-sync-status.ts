import type { Principal } from '../../ports/token-verifier.js';
import type { Dependencies } from '../dependencies.js';
import { readableVisitor } from '../get-visitor.js';

/** Per CRM and webhook: whether the visitor's last event reached it, or failed and why; for people of the lead's site (a rep: their own leads). */
export async function getSyncStatus(
  deps: Pick<Dependencies, 'visitors' | 'sync'>,
  visitorId: string,
  principal: Principal,
) {
  await readableVisitor(deps, visitorId, principal);
  return { visitorId, targets: await deps.sync.statuses(visitorId) };
}
