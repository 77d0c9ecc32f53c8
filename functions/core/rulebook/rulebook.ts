import { z } from 'zod';
import { defaultScoringModel, ScoringModel } from '../scoring/scoring-model.js';

/**
 * The common lead definition as one versioned document. It starts with the scoring model (ICP gates,
 * points, thresholds); routing rules, pools and fallbacks join it with the routing issue.
 */
export const Rulebook = z.object({
  version: z.number().int().min(1),
  scoring: ScoringModel,
});
export type Rulebook = z.infer<typeof Rulebook>;

export const defaultRulebook: Rulebook = { version: 1, scoring: defaultScoringModel };
