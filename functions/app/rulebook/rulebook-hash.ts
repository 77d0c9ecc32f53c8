import { createHash } from 'node:crypto';
import type { RulebookContent } from '../../core/rulebook/rulebook.js';
import { canonicalJson } from '../../core/rulebook/validate-rulebook.js';

/** What the two owners sign: the SHA-256 of the rulebook's canonical JSON (keys sorted). */
export function rulebookHash(content: RulebookContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
