import type { RulebookDraft } from '../../core/rulebook/rulebook-lifecycle.js';
import { contentOf, liveOf, problemsOf, type RulebookDeps } from './rulebook-draft-support.js';
import { rulebookHash } from './rulebook-hash.js';

/** The draft, or a fresh one made from the live version when none is being edited (not stored until edited). */
export async function getRulebookDraft(deps: RulebookDeps, siteKey: string): Promise<RulebookDraft> {
  const draft = await deps.rulebooks.getDraft(siteKey);
  if (draft) return { ...draft, problems: await problemsOf(deps, siteKey, draft.content) };
  const live = await liveOf(deps, siteKey);
  const content = contentOf(live);
  return {
    content,
    contentHash: rulebookHash(content),
    revision: 0,
    baseVersion: live.version,
    status: 'editing',
    editedBy: '',
    editedAt: '',
    submittedBy: null,
    submittedAt: null,
    signatures: [],
    problems: await problemsOf(deps, siteKey, content),
  };
}
