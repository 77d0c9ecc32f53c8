import { domainEvent } from '../../core/events/domain-event.js';
import { describeChanges, type RulebookDraft, type SignatureSide } from '../../core/rulebook/rulebook-lifecycle.js';
import { StaleRulebookError } from '../../ports/rulebook-store.js';
import type { Principal } from '../../ports/token-verifier.js';
import { conflict, DomainError } from '../errors.js';
import {
  contentOf,
  invalidDraft,
  liveOf,
  type RulebookDeps,
  saveDraft,
  storedDraft,
} from './rulebook-draft-support.js';

export type ApprovalResult =
  | { draft: RulebookDraft; published: null }
  | { draft: null; published: { version: number; contentHash: string } };

/**
 * A marketing owner and a sales owner sign the same content hash; the second signature publishes it
 * as a new version with one switch of the live pointer. One account cannot sign both sides.
 */
export async function approveRulebook(
  deps: RulebookDeps,
  siteKey: string,
  principal: Principal,
  input: { contentHash: string; side: SignatureSide },
): Promise<ApprovalResult> {
  if (!principal.roles.includes(input.side))
    throw new DomainError('forbidden', 'Not allowed', `Signing for ${input.side} needs the ${input.side} role.`);
  const draft = await storedDraft(deps, siteKey);
  if (draft.status !== 'submitted') throw conflict('Not submitted', 'Only a submitted draft can be approved.');
  if (draft.contentHash !== input.contentHash)
    throw conflict('Draft changed', 'The draft changed since you read it; review the new content and sign its hash.');
  if (draft.problems.length > 0) throw invalidDraft(draft);
  const other = draft.signatures.find((signature) => signature.side !== input.side);
  if (other?.userId === principal.userId)
    throw new DomainError(
      'forbidden',
      'Second signature needed',
      'One account cannot sign for both marketing and sales.',
    );

  const now = deps.clock().toISOString();
  const signatures = [
    ...draft.signatures.filter((signature) => signature.side !== input.side),
    { side: input.side, userId: principal.userId, name: principal.name, at: now, contentHash: draft.contentHash },
  ];
  await deps.rulebooks.appendHistory(siteKey, {
    at: now,
    userId: principal.userId,
    action: 'signed',
    version: null,
    contentHash: draft.contentHash,
    detail: `signed for ${input.side}`,
  });

  if (!(signatures.some((s) => s.side === 'marketing') && signatures.some((s) => s.side === 'sales'))) {
    const signed = { ...draft, revision: draft.revision + 1, signatures };
    await saveDraft(deps, siteKey, signed);
    return { draft: signed, published: null };
  }

  const live = await liveOf(deps, siteKey);
  const versions = await deps.rulebooks.listVersions(siteKey);
  const version = Math.max(live.version, ...versions.map((v) => v.version)) + 1;
  try {
    await deps.rulebooks.publish(
      siteKey,
      { version, content: draft.content, contentHash: draft.contentHash, publishedAt: now, signatures },
      live.version,
      [
        domainEvent('RulebookPublished', `rulebook-published:${siteKey}:${version}`, siteKey, now, {
          version,
          contentHash: draft.contentHash,
          previousVersion: live.version,
        }),
      ],
    );
  } catch (error) {
    if (error instanceof StaleRulebookError)
      throw conflict(
        'Rulebook changed',
        'Another version went live meanwhile; review the draft against it and sign again.',
      );
    throw error;
  }
  await deps.rulebooks.deleteDraft(siteKey, draft.revision).catch(() => undefined);
  await deps.rulebooks.appendHistory(siteKey, {
    at: now,
    userId: principal.userId,
    action: 'published',
    version,
    contentHash: draft.contentHash,
    detail: `version ${version} live (was ${live.version}); signed by ${signatures.map((s) => `${s.userId} (${s.side})`).join(' and ')}; ${describeChanges(contentOf(live), draft.content)}`,
  });
  return { draft: null, published: { version, contentHash: draft.contentHash } };
}
