import type { RulebookContent } from '../../core/rulebook/rulebook.js';
import { describeChanges, type RulebookDraft } from '../../core/rulebook/rulebook-lifecycle.js';
import { StaleRulebookError } from '../../ports/rulebook-store.js';
import type { Principal } from '../../ports/token-verifier.js';
import { conflict } from '../errors.js';
import { getRulebookDraft } from './get-rulebook-draft.js';
import { problemsOf, type RulebookDeps } from './rulebook-draft-support.js';
import { rulebookHash } from './rulebook-hash.js';

/**
 * Saves marketing's edit. A draft with problems is kept (work in progress) but can never go live.
 * Changing the content voids every signature, and a submitted draft goes back to editing.
 */
export async function putRulebookDraft(
  deps: RulebookDeps,
  siteKey: string,
  principal: Principal,
  content: RulebookContent,
  expectedRevision?: number,
): Promise<RulebookDraft> {
  const current = await getRulebookDraft(deps, siteKey);
  if (expectedRevision !== undefined && expectedRevision !== current.revision) {
    throw conflict(
      'Draft changed',
      `The draft is at revision ${current.revision}, not ${expectedRevision}; reload it and apply your change again.`,
    );
  }
  const now = deps.clock().toISOString();
  const contentHash = rulebookHash(content);
  const changed = contentHash !== current.contentHash;
  const draft: RulebookDraft = {
    ...current,
    content,
    contentHash,
    revision: current.revision + 1,
    editedBy: principal.userId,
    editedAt: now,
    status: changed ? 'editing' : current.status,
    submittedBy: changed ? null : current.submittedBy,
    submittedAt: changed ? null : current.submittedAt,
    signatures: changed ? [] : current.signatures,
    problems: await problemsOf(deps, siteKey, content),
  };
  try {
    await deps.rulebooks.saveDraft(siteKey, draft);
  } catch (error) {
    if (error instanceof StaleRulebookError)
      throw conflict(
        'Draft changed',
        'Someone saved the draft at the same moment; reload it and apply your change again.',
      );
    throw error;
  }
  await deps.rulebooks.appendHistory(siteKey, {
    at: now,
    userId: principal.userId,
    action: 'edited',
    version: null,
    contentHash,
    detail: describeChanges(current.content, content),
  });
  if (changed && current.signatures.length > 0) {
    await deps.rulebooks.appendHistory(siteKey, {
      at: now,
      userId: principal.userId,
      action: 'signatures-voided',
      version: null,
      contentHash,
      detail: `the edit voided the signatures of ${current.signatures.map((s) => `${s.userId} (${s.side})`).join(', ')}`,
    });
  }
  return draft;
}
