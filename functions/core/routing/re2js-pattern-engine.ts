import { RE2JS } from 're2js';
import type { PatternEngine } from './pattern-engine.js';

/**
 * Patterns run on RE2 (re2js): matching takes linear time whatever the pattern, so no pattern can block
 * the event loop; a pattern RE2 cannot compile (backreferences, lookaround) is refused at save.
 */
export const re2jsPatternEngine: PatternEngine = {
  compile(pattern) {
    const expression = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    return (text) => expression.matcher(text).find();
  },
};
