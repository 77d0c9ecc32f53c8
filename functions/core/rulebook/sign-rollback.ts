import type { Signature, SignatureSide } from './rulebook-lifecycle.js';

/** A rollback one side asked for: the version to put live again, from which live version, and who signed. */
export interface PendingRollback {
  version: number;
  fromVersion: number;
  signatures: Signature[];
  /** Bumped on each save, so two signers at once cannot both believe theirs completed it. */
  revision: number;
}

export type RollbackSigning =
  | { outcome: 'refused' }
  | { outcome: 'pending'; rollback: PendingRollback }
  | { outcome: 'complete'; rollback: PendingRollback };

/**
 * Adds a signature to a rollback, like the signatures of a publish: it goes live once a marketing
 * owner and a sales owner signed the same target from the same live version, and one person cannot
 * be both. A request for another target, or one made after the live version moved, starts over.
 */
export function signRollback(
  held: PendingRollback | null,
  request: { version: number; liveVersion: number; contentHash: string; side: SignatureSide },
  signer: { userId: string; name: string | null; at: string },
): RollbackSigning {
  const current = held && held.version === request.version && held.fromVersion === request.liveVersion ? held : null;
  const others = current?.signatures.filter((signature) => signature.side !== request.side) ?? [];
  if (others.some((signature) => signature.userId === signer.userId)) return { outcome: 'refused' };
  const rollback: PendingRollback = {
    version: request.version,
    fromVersion: request.liveVersion,
    signatures: [
      ...others,
      { side: request.side, userId: signer.userId, name: signer.name, at: signer.at, contentHash: request.contentHash },
    ],
    revision: (held?.revision ?? 0) + 1,
  };
  return { outcome: others.length > 0 ? 'complete' : 'pending', rollback };
}
