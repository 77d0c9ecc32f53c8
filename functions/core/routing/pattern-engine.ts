/**
 * The regular-expression engine `matches` patterns run on. It is installed rather than imported: the
 * engine (re2js) is ~150 KB of a cold start and most rulebooks hold no pattern, so the core stays
 * synchronous and without it, and whoever hands out a rulebook that may hold a pattern installs it first
 * (the rulebook store loads it for a stored rulebook with a `matches` condition; the rulebook routes,
 * which validate drafts, install it when registered).
 */
export interface PatternEngine {
  /** A case-insensitive test for the pattern; throws, saying why, on a pattern the engine refuses. */
  compile(pattern: string): (text: string) => boolean;
}

let installed: PatternEngine | null = null;

export function installPatternEngine(engine: PatternEngine): void {
  installed = engine;
}

export function isPatternEngineInstalled(): boolean {
  return installed !== null;
}

/** The installed engine; a pattern met without one is a wiring mistake, never a pattern that fails to match. */
export function patternEngine(): PatternEngine {
  if (installed === null)
    throw new Error('No pattern engine is installed: load it before reading a rulebook with a `matches` condition.');
  return installed;
}
