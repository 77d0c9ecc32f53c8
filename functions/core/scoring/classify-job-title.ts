import type { JobLevel } from './scoring-model.js';

// Ordered: the first level whose words appear wins ("VP of Product Management" is a VP, not a manager).
const LEVEL_WORDS: Array<[JobLevel, RegExp]> = [
  [
    'c-level',
    /\b(ceo|cto|cfo|coo|cmo|cro|cio|ciso|cpo|chief|founder|co-?founder|owner|(?<!vice[- ])president|(?<!vice-?)presidente|diretor[ao]? executiv[oa]|managing director|general manager|fundador[a]?|s[oó]ci[oa])\b/i,
  ],
  [
    'vp-director',
    /\b(vp|svp|evp|avp|vice[- ]president|vicepresidente|vice-presidente|director|directora|diretor[a]?|head of|head|jef[ea] de)\b/i,
  ],
  ['manager', /\b(manager|mgr|gerente|lead|team lead|supervisor|coordinator|coordinador[a]?|coordenador[a]?)\b/i],
];

/** The seniority of a free-text job title, in English, Spanish or Portuguese; an individual contributor unless a senior word appears. */
export function classifyJobTitle(title: string): JobLevel {
  let level = classified.get(title);
  if (level === undefined) {
    level = LEVEL_WORDS.find(([, words]) => words.test(title))?.[0] ?? 'individual';
    if (classified.size >= 5_000) classified.clear();
    classified.set(title, level);
  }
  return level;
}

// A visitor's title is classified on every scoring (each page view, each routing): the answer is kept.
const classified = new Map<string, JobLevel>();
