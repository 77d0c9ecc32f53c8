import type { Rulebook, RulebookContent } from '../../core/rulebook/rulebook.js';
import { describeChanges, type RulebookDraft, type SignatureSide } from '../../core/rulebook/rulebook-lifecycle.js';
import { validateRulebook } from '../../core/rulebook/validate-rulebook.js';
import type { Principal } from '../../ports/token-verifier.js';
import { StaleRulebookError } from '../../ports/rulebook-store.js';
import type { Dependencies } from '../dependencies.js';
import { conflict, DomainError, notFound } from '../errors.js';
import { rulebookHash } from './rulebook-hash.js';
import { domainEvent } from '../../core/events/domain-event.js';

type Deps = Pick<Dependencies, 'clock' | 'rulebooks' | 'reps'>;

const contentOf = ({ version: _version, ...content }: Rulebook): RulebookContent => content;

async function liveOf(deps: Deps, siteKey: string): Promise<Rulebook> {
  const live = await deps.rulebooks.getLive(siteKey);
  if (!live) throw notFound('No rulebook', `The site "${siteKey}" has no rulebook.`);
  return live;
}

async function problemsOf(deps: Deps, siteKey: string, content: RulebookContent) {
  const reps = await deps.reps.list(siteKey);
  return validateRulebook(content, new Set(reps.filter((rep) => rep.active).map((rep) => rep.repId)));
}

/** The draft, or a fresh one made from the live version when none is being edited (not stored until edited). */
export async function getRulebookDraft(deps: Deps, siteKey: string): Promise<RulebookDraft> {
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

/**
 * Saves marketing's edit. A draft with problems is kept (work in progress) but can never go live.
 * Changing the content voids every signature, and a submitted draft goes back to editing.
 */
export async function putRulebookDraft(
  deps: Deps,
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

async function storedDraft(deps: Deps, siteKey: string): Promise<RulebookDraft> {
  const draft = await deps.rulebooks.getDraft(siteKey);
  if (!draft) throw notFound('No draft', 'There is no rulebook draft to act on; save one first.');
  return { ...draft, problems: await problemsOf(deps, siteKey, draft.content) };
}

const invalid = (draft: RulebookDraft) =>
  new DomainError(
    'invalid',
    'Invalid rulebook',
    `The draft has ${draft.problems.length} problem(s) and cannot go live: ${draft.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
  );

/** Marketing hands the draft over for signatures; a draft with problems cannot be submitted. */
export async function submitRulebook(deps: Deps, siteKey: string, principal: Principal): Promise<RulebookDraft> {
  const draft = await storedDraft(deps, siteKey);
  if (draft.problems.length > 0) throw invalid(draft);
  const now = deps.clock().toISOString();
  const submitted: RulebookDraft = {
    ...draft,
    revision: draft.revision + 1,
    status: 'submitted',
    submittedBy: principal.userId,
    submittedAt: now,
  };
  await save(deps, siteKey, submitted);
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

async function save(deps: Deps, siteKey: string, draft: RulebookDraft) {
  try {
    await deps.rulebooks.saveDraft(siteKey, draft);
  } catch (error) {
    if (error instanceof StaleRulebookError)
      throw conflict('Draft changed', 'The draft changed meanwhile; reload it and try again.');
    throw error;
  }
}

export type ApprovalResult =
  | { draft: RulebookDraft; published: null }
  | { draft: null; published: { version: number; contentHash: string } };

/**
 * A marketing owner and a sales owner sign the same content hash; the second signature publishes it
 * as a new version with one switch of the live pointer. One account cannot sign both sides.
 */
export async function approveRulebook(
  deps: Deps,
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
  if (draft.problems.length > 0) throw invalid(draft);
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
    await save(deps, siteKey, signed);
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

/** Puts an earlier version live again; conversations already running keep theirs. */
export async function rollbackRulebook(
  deps: Deps,
  siteKey: string,
  principal: Principal,
  version: number,
): Promise<{ version: number }> {
  const live = await liveOf(deps, siteKey);
  if (live.version === version) throw conflict('Already live', `Version ${version} is the live version.`);
  const target = (await deps.rulebooks.listVersions(siteKey)).find((candidate) => candidate.version === version);
  if (!target) throw notFound('Unknown version', `There is no version ${version}.`);
  try {
    await deps.rulebooks.pointLiveTo(siteKey, target, live.version);
  } catch (error) {
    if (error instanceof StaleRulebookError)
      throw conflict('Rulebook changed', 'Another version went live meanwhile; look again before rolling back.');
    throw error;
  }
  await deps.rulebooks.appendHistory(siteKey, {
    at: deps.clock().toISOString(),
    userId: principal.userId,
    action: 'rolled-back',
    version,
    contentHash: target.contentHash,
    detail: `live version ${live.version} → ${version}`,
  });
  return { version };
}

export async function listRulebookVersions(deps: Deps, siteKey: string) {
  const live = await liveOf(deps, siteKey);
  const versions = await deps.rulebooks.listVersions(siteKey);
  const history = await deps.rulebooks.listHistory(siteKey);
  return {
    liveVersion: live.version,
    versions: versions
      .map(({ content: _content, ...version }) => ({ ...version, live: version.version === live.version }))
      .sort((a, b) => b.version - a.version),
    // Stored oldest first; the newest first reads best.
    history: [...history].reverse(),
  };
}
