import { liveOf, type RulebookDeps } from './rulebook-draft-support.js';

/** Every version (the live one marked) and the full history, newest first. */
export async function listRulebookVersions(deps: RulebookDeps, siteKey: string) {
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
