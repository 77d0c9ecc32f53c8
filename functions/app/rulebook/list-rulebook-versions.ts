import { liveOf, type RulebookDeps } from './rulebook-draft-support.js';

/**
 * Every version (the live one marked), the rollback that waits for its second signature, and the full
 * history, newest first. A waiting rollback signed from an earlier live version is no longer one: the
 * next signature starts over (signRollback), so it is not shown.
 */
export async function listRulebookVersions(deps: RulebookDeps, siteKey: string) {
  const live = await liveOf(deps, siteKey);
  const [versions, history, held] = await Promise.all([
    deps.rulebooks.listVersions(siteKey),
    deps.rulebooks.listHistory(siteKey),
    deps.rulebooks.getPendingRollback(siteKey),
  ]);
  const pending = held && held.fromVersion === live.version ? held : null;
  return {
    liveVersion: live.version,
    pendingRollback: pending
      ? { version: pending.version, fromVersion: pending.fromVersion, signatures: pending.signatures }
      : null,
    versions: versions
      .map(({ content: _content, ...version }) => ({ ...version, live: version.version === live.version }))
      .sort((a, b) => b.version - a.version),
    // Stored oldest first; the newest first reads best.
    history: [...history].reverse(),
  };
}
