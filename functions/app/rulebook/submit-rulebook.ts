import type { RulebookDraft } from '../../core/rulebook/rulebook-lifecycle.js';
import type { Principal } from '../../ports/token-verifier.js';
import { invalidDraft, type RulebookDeps, saveDraft, storedDraft } from './rulebook-draft-support.js';

/** Marketing hands the draft over for signatures; a draft with problems cannot be submitted. */
export async function submitRulebook(
  deps: RulebookDeps,
  siteKey: string,
  principal: Principal,
): Promise<RulebookDraft> {
  const draft = await storedDraft(deps, siteKey);
  if (draft.problems.length > 0) throw invalidDraft(draft);
  const now = deps.clock().toISOString();
  const submitted: RulebookDraft = {
    ...draft,
    revision: draft.revision + 1,
    status: 'submitted',
    submittedBy: principal.userId,
    submittedAt: now,
  };
  await saveDraft(deps, siteKey, submitted);
  await deps.rulebooks.appendHistory(siteKey, {
    at: now,
    userId: principal.userId,
    action: 'submitted',
    version: null,
    contentHash: draft.contentHash,
    detail: 'submitted for approval',
  });
  return submitted;
}
