import { domainEvent } from '../../core/events/domain-event.js';
import { StaleRulebookError } from '../../ports/rulebook-store.js';
import type { Principal } from '../../ports/token-verifier.js';
import { conflict, notFound } from '../errors.js';
import { liveOf, type RulebookDeps } from './rulebook-draft-support.js';

/** Puts an earlier version live again; conversations already running keep theirs. */
export async function rollbackRulebook(
  deps: RulebookDeps,
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
  const at = deps.clock().toISOString();
  // The CRM sync's webhook tells receivers which definition of a lead applies from now on.
  const rolledBack = domainEvent('RulebookRolledBack', `rulebook-rolled-back:${siteKey}:${at}`, siteKey, at, {
    version,
    contentHash: target.contentHash,
    previousVersion: live.version,
  });
  await deps.rulebooks.appendHistory(
    siteKey,
    {
      at,
      userId: principal.userId,
      action: 'rolled-back',
      version,
      contentHash: target.contentHash,
      detail: `live version ${live.version} → ${version}`,
    },
    [rolledBack],
  );
  return { version };
}
