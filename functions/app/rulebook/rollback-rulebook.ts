import { domainEvent } from '../../core/events/domain-event.js';
import type { Signature, SignatureSide } from '../../core/rulebook/rulebook-lifecycle.js';
import { signRollback } from '../../core/rulebook/sign-rollback.js';
import { StaleRulebookError } from '../../ports/rulebook-store.js';
import type { Principal } from '../../ports/token-verifier.js';
import { conflict, DomainError, notFound } from '../errors.js';
import { liveOf, type RulebookDeps } from './rulebook-draft-support.js';

export interface RollbackResult {
  version: number;
  /** True once both sides signed and the version is live again; false while the other side's signature is missing. */
  live: boolean;
  signatures: Signature[];
}

const changedMeanwhile = () =>
  conflict(
    'Rulebook changed',
    'Another version went live or another signature arrived meanwhile; look again before signing.',
  );

/**
 * Putting an earlier version live again changes the live lead definition, so it needs both sides'
 * signatures like a publish: the first signs and waits, the other side's signature switches the live
 * pointer and emits RulebookRolledBack. Conversations already running keep their version.
 */
export async function rollbackRulebook(
  deps: RulebookDeps,
  siteKey: string,
  principal: Principal,
  input: { version: number; side: SignatureSide },
): Promise<RollbackResult> {
  if (!principal.roles.includes(input.side))
    throw new DomainError('forbidden', 'Not allowed', `Signing for ${input.side} needs the ${input.side} role.`);
  const live = await liveOf(deps, siteKey);
  if (live.version === input.version) throw conflict('Already live', `Version ${input.version} is the live version.`);
  const target = (await deps.rulebooks.listVersions(siteKey)).find((candidate) => candidate.version === input.version);
  if (!target) throw notFound('Unknown version', `There is no version ${input.version}.`);

  const held = await deps.rulebooks.getPendingRollback(siteKey);
  const at = deps.clock().toISOString();
  const signing = signRollback(
    held,
    { version: input.version, liveVersion: live.version, contentHash: target.contentHash, side: input.side },
    { userId: principal.userId, name: principal.name, at },
  );
  if (signing.outcome === 'refused')
    throw new DomainError(
      'forbidden',
      'Second signature needed',
      'One account cannot sign for both marketing and sales.',
    );
  const { signatures } = signing.rollback;

  try {
    if (signing.outcome === 'pending') {
      await deps.rulebooks.savePendingRollback(siteKey, signing.rollback);
      await deps.rulebooks.appendHistory(siteKey, {
        at,
        userId: principal.userId,
        action: 'signed',
        version: input.version,
        contentHash: target.contentHash,
        detail: `signed for ${input.side} to put version ${input.version} live again (live: ${live.version}); waits for the other side`,
      });
      return { version: input.version, live: false, signatures };
    }
    // Removing the pending rollback first claims its completion: of two signers at once, one goes on.
    if (held) await deps.rulebooks.deletePendingRollback(siteKey, held.revision);
    await deps.rulebooks.pointLiveTo(siteKey, target, live.version);
  } catch (error) {
    if (error instanceof StaleRulebookError) throw changedMeanwhile();
    throw error;
  }
  // The CRM sync's webhook tells receivers which definition of a lead applies from now on.
  const rolledBack = domainEvent('RulebookRolledBack', `rulebook-rolled-back:${siteKey}:${at}`, siteKey, at, {
    version: input.version,
    contentHash: target.contentHash,
    previousVersion: live.version,
  });
  await deps.rulebooks.appendHistory(
    siteKey,
    {
      at,
      userId: principal.userId,
      action: 'rolled-back',
      version: input.version,
      contentHash: target.contentHash,
      detail: `live version ${live.version} → ${input.version}; signed by ${signatures.map((s) => `${s.userId} (${s.side})`).join(' and ')}`,
    },
    [rolledBack],
  );
  return { version: input.version, live: true, signatures };
}
