import type { Rep } from '../../core/routing/rep.js';
import type { Rulebook, RulebookContent } from '../../core/rulebook/rulebook.js';
import type { RulebookDraft } from '../../core/rulebook/rulebook-lifecycle.js';
import { validateRulebook } from '../../core/rulebook/validate-rulebook.js';
import { StaleRulebookError } from '../../ports/rulebook-store.js';
import type { Dependencies } from '../dependencies.js';
import { conflict, DomainError, notFound } from '../errors.js';

/** What the draft use cases share: the live version, the draft's problems, and saving with a revision check. */
export type RulebookDeps = Pick<Dependencies, 'clock' | 'rulebooks' | 'reps'>;

export const contentOf = ({ version: _version, ...content }: Rulebook): RulebookContent => content;

export async function liveOf(deps: Pick<Dependencies, 'rulebooks'>, siteKey: string): Promise<Rulebook> {
  const live = await deps.rulebooks.getLive(siteKey);
  if (!live) throw notFound('No rulebook', `The site "${siteKey}" has no rulebook.`);
  return live;
}

export async function problemsOf(deps: Pick<Dependencies, 'reps'>, siteKey: string, content: RulebookContent) {
  return problemsWith(await deps.reps.list(siteKey), content);
}

/** The content's problems against the site's reps as listed (only active reps can be routed to). */
export const problemsWith = (reps: readonly Rep[], content: RulebookContent) =>
  validateRulebook(content, new Set(reps.filter((rep) => rep.active).map((rep) => rep.repId)));

export async function storedDraft(deps: RulebookDeps, siteKey: string): Promise<RulebookDraft> {
  const draft = await deps.rulebooks.getDraft(siteKey);
  if (!draft) throw notFound('No draft', 'There is no rulebook draft to act on; save one first.');
  return { ...draft, problems: await problemsOf(deps, siteKey, draft.content) };
}

export const invalidDraft = (draft: RulebookDraft) =>
  new DomainError(
    'invalid',
    'Invalid rulebook',
    `The draft has ${draft.problems.length} problem(s) and cannot go live: ${draft.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
  );

export async function saveDraft(deps: RulebookDeps, siteKey: string, draft: RulebookDraft) {
  try {
    await deps.rulebooks.saveDraft(siteKey, draft);
  } catch (error) {
    if (error instanceof StaleRulebookError)
      throw conflict('Draft changed', 'The draft changed meanwhile; reload it and try again.');
    throw error;
  }
}
