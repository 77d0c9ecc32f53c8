import { describeRulebookChanges, type RulebookChange } from '../../core/rulebook/describe-rulebook-changes.js';
import { getRulebookDraft } from './get-rulebook-draft.js';
import { contentOf, liveOf, type RulebookDeps } from './rulebook-draft-support.js';

export interface RulebookChanges {
  liveVersion: number;
  draftRevision: number;
  /** The hash the changes were computed for: what a signature on them signs. */
  draftContentHash: string;
  changes: RulebookChange[];
}

/** What signing the draft would change, in words: the difference between the live version and the draft. */
export async function getRulebookChanges(deps: RulebookDeps, siteKey: string): Promise<RulebookChanges> {
  const [live, draft] = await Promise.all([liveOf(deps, siteKey), getRulebookDraft(deps, siteKey)]);
  return {
    liveVersion: live.version,
    draftRevision: draft.revision,
    draftContentHash: draft.contentHash,
    changes: describeRulebookChanges(contentOf(live), draft.content),
  };
}
