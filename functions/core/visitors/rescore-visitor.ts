import { isoInstant } from '../iso-instant.js';
import { classifyJobTitle } from '../scoring/classify-job-title.js';
import { scoreVisitor, type ScoringFacts } from '../scoring/score-visitor.js';
import type { Behaviour, ScoringModel } from '../scoring/scoring-model.js';
import { MAX_SCORE_HISTORY, type FunnelStage, type VisitorProfile } from './visitor-profile.js';

/** Marketing-owned stages move forward only by signals; from SAL on, sales moves the lead. */
const AUTOMATIC_ORDER: FunnelStage[] = ['visitor', 'lead', 'mql'];

export type VisitorEvent =
  | { type: 'LeadScored'; visitorId: string; total: number; delta: number; rulebookVersion: number }
  | { type: 'StageChanged'; visitorId: string; from: FunnelStage; to: FunnelStage; rulebookVersion: number };

/** What the scorer believes, with the account list first, then the enrichment API, then what the visitor said. */
export function factsOf(profile: VisitorProfile): ScoringFacts {
  const { account, company } = profile;
  return {
    employees: account?.employees ?? company?.employees ?? profile.answers.companySize ?? null,
    industry: account?.industry ?? company?.industry ?? null,
    jobLevel:
      profile.answers.jobLevel ?? (profile.answers.jobTitle ? classifyJobTitle(profile.answers.jobTitle) : null),
    country: profile.geo.country ?? account?.country ?? company?.country ?? null,
    emailKind: profile.emailKind,
    behaviours: Object.keys(profile.behaviours) as Behaviour[],
    unsubscribed: profile.unsubscribed,
    lastActivityAt: profile.lastSeenAt,
  };
}

/**
 * Recomputes the score and the stage from the whole profile. A change is recorded in the score
 * history and returned as domain events; an unchanged score records nothing.
 */
export function rescoreVisitor(
  profile: VisitorProfile,
  model: ScoringModel,
  rulebookVersion: number,
  now: Date,
  reason: string,
): { profile: VisitorProfile; events: VisitorEvent[] } {
  const score = scoreVisitor(model, factsOf(profile), now);
  const computed: FunnelStage = profile.answers.email ? (score.qualifies ? 'mql' : 'lead') : 'visitor';
  const currentRank = AUTOMATIC_ORDER.indexOf(profile.stage);
  const stage = currentRank >= 0 && AUTOMATIC_ORDER.indexOf(computed) > currentRank ? computed : profile.stage;

  const previousTotal = profile.score?.total ?? 0;
  const events: VisitorEvent[] = [];
  let scoreHistory = profile.scoreHistory;
  if (profile.score === null || score.total !== previousTotal || stage !== profile.stage) {
    const delta = score.total - previousTotal;
    const kept = scoreHistory.slice(Math.max(0, scoreHistory.length + 1 - MAX_SCORE_HISTORY));
    kept.push({ at: isoInstant(now), total: score.total, delta, stage, reason, rulebookVersion });
    scoreHistory = kept;
    if (score.total !== previousTotal)
      events.push({ type: 'LeadScored', visitorId: profile.visitorId, total: score.total, delta, rulebookVersion });
  }
  if (stage !== profile.stage)
    events.push({
      type: 'StageChanged',
      visitorId: profile.visitorId,
      from: profile.stage,
      to: stage,
      rulebookVersion,
    });
  return { profile: { ...profile, score, stage, scoreHistory }, events };
}
