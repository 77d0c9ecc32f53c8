import { type Message, messagesOfTurns } from '../../core/conversation/conversation.js';
import type { LeadStage } from '../../core/funnel/lead.js';
import type { ScoreLine } from '../../core/scoring/score-visitor.js';
import { InvalidCursorError } from '../../ports/lead-store.js';
import type { Dependencies } from '../dependencies.js';
import { DomainError } from '../errors.js';
import { ownerScope, type Viewer } from '../funnel/viewer.js';

export interface ConversationListItem {
  conversationId: string;
  visitorId: string;
  startedAt: string;
  language: string;
  rulebookVersion: number;
  /** The lead's stage when there is a lead, else the visitor's. */
  stage: string;
  owner: string | null;
  source: string | null;
  contact: { name: string | null; email: string | null; company: string | null };
  score: { total: number; qualifies: boolean; breakdown: ScoreLine[] } | null;
  /** Why routed: the rule that matched and where it led. */
  routing: {
    matchedRuleId: string | null;
    outcome: 'rep' | 'nurture';
    repId: string | null;
    viaFallback: boolean;
    decidedAt: string;
  } | null;
  transcript: Message[];
}

export interface ConversationFilter {
  stage?: LeadStage | undefined;
  owner?: string | undefined;
  source?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * A site's conversations, newest first, with what a person needs to act: the transcript, the score
 * breakdown and why the visitor was routed where they were. Stage, owner and source filter the page
 * read (a page may hold fewer than `limit`; follow nextCursor). A rep sees only their own.
 */
export async function listConversations(
  deps: Pick<Dependencies, 'conversations' | 'decisions' | 'visitors' | 'leads'>,
  input: { siteKey: string; viewer: Viewer; filter: ConversationFilter; limit: number; cursor?: string | undefined },
): Promise<{ conversations: ConversationListItem[]; nextCursor: string | null }> {
  const owner = ownerScope(input.viewer, input.filter.owner);
  const page = await deps.conversations
    .listBySite(
      input.siteKey,
      { from: input.filter.from, to: input.filter.to },
      { limit: input.limit, cursor: input.cursor },
    )
    .catch((error: unknown) => {
      if (error instanceof InvalidCursorError) throw new DomainError('invalid', 'Invalid cursor', error.message);
      throw error;
    });
  const items = await Promise.all(
    page.conversations.map(async (conversation): Promise<ConversationListItem> => {
      const [decision, profile, lead, stored] = await Promise.all([
        deps.decisions.get(conversation.id),
        deps.visitors.get(conversation.visitorId),
        deps.leads.get(conversation.siteKey, conversation.visitorId),
        deps.conversations.loadAll(conversation.id),
      ]);
      const routedRep = decision?.outcome.type === 'rep' ? decision.outcome.repId : null;
      const firm = profile?.account ?? profile?.company ?? null;
      return {
        conversationId: conversation.id,
        visitorId: conversation.visitorId,
        startedAt: conversation.startedAt,
        language: conversation.language,
        rulebookVersion: conversation.rulebookVersion,
        stage: lead?.stage ?? profile?.stage ?? 'visitor',
        owner: lead?.ownerRepId ?? routedRep,
        source: lead?.source ?? profile?.firstTouch.source ?? null,
        contact: {
          name: profile?.answers.name ?? null,
          email: profile?.answers.email ?? null,
          company: profile?.answers.company ?? firm?.name ?? null,
        },
        score: profile?.score
          ? { total: profile.score.total, qualifies: profile.score.qualifies, breakdown: profile.score.breakdown }
          : null,
        routing: decision
          ? {
              matchedRuleId: decision.matchedRuleId,
              outcome: decision.outcome.type,
              repId: routedRep,
              viaFallback: decision.outcome.viaFallback,
              decidedAt: decision.decidedAt,
            }
          : null,
        transcript: stored ? messagesOfTurns(stored.turns) : [],
      };
    }),
  );
  const conversations = items.filter(
    (item) =>
      (owner === undefined || item.owner === owner) &&
      (input.filter.stage === undefined || item.stage === input.filter.stage) &&
      (input.filter.source === undefined || item.source === input.filter.source),
  );
  return { conversations, nextCursor: page.nextCursor };
}
