import { ContactAnswers } from './visitor-profile.js';

const KNOWN = new Set(Object.keys(ContactAnswers.shape));

/**
 * The chat answers the visitor profile understands, by answer key. A company size answered as a
 * bucket ("201-1000", "1000+") counts as its lower bound, which falls in the same scoring band.
 */
export function answersForProfile(answers: Record<string, string>): ContactAnswers {
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) {
    if (!KNOWN.has(key)) continue;
    if (key === 'companySize') {
      const first = /\d[\d,.]*/.exec(value)?.[0];
      if (first) picked.companySize = Number(first.replace(/[,.]/g, ''));
    } else picked[key] = value;
  }
  const parsed = ContactAnswers.safeParse(picked);
  if (parsed.success) return parsed.data;
  // Drop only the fields that do not fit, keep the rest.
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  return ContactAnswers.parse(Object.fromEntries(Object.entries(picked).filter(([key]) => !bad.has(key))));
}

/** Answers the scoring model or enrichment reads; any other answer cannot change the score. */
const SCORING_ANSWERS = new Set(['email', 'company', 'companySize', 'jobTitle', 'jobLevel']);

export function affectsScore(answers: ContactAnswers): boolean {
  return Object.keys(answers).some((key) => SCORING_ANSWERS.has(key));
}
