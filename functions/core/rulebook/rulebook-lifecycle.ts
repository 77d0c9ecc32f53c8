import type { Rulebook, RulebookContent } from './rulebook.js';
import type { RulebookProblem } from './validate-rulebook.js';

export type SignatureSide = 'marketing' | 'sales';

export interface Signature {
  side: SignatureSide;
  userId: string;
  name: string | null;
  at: string;
  contentHash: string;
}

/** Marketing's working copy. Its signatures hold only while its content hash is the one they signed. */
export interface RulebookDraft {
  content: RulebookContent;
  contentHash: string;
  revision: number;
  /** The live version the draft was started from. */
  baseVersion: number;
  status: 'editing' | 'submitted';
  editedBy: string;
  editedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  signatures: Signature[];
  problems: RulebookProblem[];
}

export interface RulebookVersion {
  version: number;
  content: RulebookContent;
  contentHash: string;
  publishedAt: string;
  signatures: Signature[];
}

export interface RulebookHistoryEntry {
  at: string;
  userId: string;
  action: 'edited' | 'submitted' | 'signed' | 'signatures-voided' | 'published' | 'rolled-back';
  version: number | null;
  contentHash: string | null;
  detail: string;
}

export function asRulebook(version: RulebookVersion): Rulebook {
  return { version: version.version, ...version.content };
}

/** A short account of what changed between two rulebooks, for the history. */
export function describeChanges(before: RulebookContent, after: RulebookContent): string {
  const changes: string[] = [];
  const sections = ['scoring', 'businessHours', 'pools', 'fallbacks', 'nurtures', 'unrouted', 'alerts'] as const;
  for (const section of sections)
    if (JSON.stringify(before[section]) !== JSON.stringify(after[section])) changes.push(section);
  const beforeRules = new Map(before.rules.map((rule) => [rule.id, JSON.stringify(rule)]));
  const afterRules = new Map(after.rules.map((rule) => [rule.id, JSON.stringify(rule)]));
  const added = [...afterRules.keys()].filter((id) => !beforeRules.has(id));
  const removed = [...beforeRules.keys()].filter((id) => !afterRules.has(id));
  const changed = [...afterRules.keys()].filter(
    (id) => beforeRules.has(id) && beforeRules.get(id) !== afterRules.get(id),
  );
  const order =
    before.rules
      .map((rule) => rule.id)
      .filter((id) => afterRules.has(id))
      .join() !==
    after.rules
      .map((rule) => rule.id)
      .filter((id) => beforeRules.has(id))
      .join();
  if (added.length) changes.push(`rules added: ${added.join(', ')}`);
  if (removed.length) changes.push(`rules removed: ${removed.join(', ')}`);
  if (changed.length) changes.push(`rules changed: ${changed.join(', ')}`);
  if (order) changes.push('rules reordered');
  return changes.length ? changes.join('; ') : 'no change';
}
