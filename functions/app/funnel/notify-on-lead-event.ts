import type { DomainEvent } from '../../core/events/domain-event.js';
import type { Dependencies } from '../dependencies.js';
import { handoffPolicyFor } from './apply-lead-command.js';

type Deps = Pick<
  Dependencies,
  'leads' | 'rulebooks' | 'reps' | 'visitors' | 'decisions' | 'leadNotifier' | 'sync' | 'publicUrl'
>;

const CONSUMER = 'lead-notify';

/** Where a person acts on a lead: the console's lead page. */
export const leadLink = (publicUrl: string, siteKey: string, visitorId: string) =>
  `${publicUrl}/admin/#/sites/${encodeURIComponent(siteKey)}/leads/${encodeURIComponent(visitorId)}`;

/**
 * Tells people what they owe: the rep a lead was routed or reassigned to (mail, and the rep's or the
 * site's incoming webhook) with the lead's context and a link; the queue's watchers (the site's
 * webhook and managers) when it waits in a queue; the rep's manager when an SLA is breached. Each
 * event is announced once however often it is delivered.
 */
export async function notifyOnLeadEvent(deps: Deps, event: DomainEvent): Promise<void> {
  if (event.detailType !== 'LeadAssigned' && event.detailType !== 'SlaBreached') return;
  if (await deps.sync.seen(CONSUMER, event.id)) return;
  const { siteKey } = event;
  const visitorId = event.detail.visitorId;
  const policy = await handoffPolicyFor(deps, siteKey);
  const [lead, profile] = await Promise.all([deps.leads.get(siteKey, visitorId), deps.visitors.get(visitorId)]);
  const decision = lead?.conversationId ? await deps.decisions.get(lead.conversationId) : null;
  const who = [profile?.answers.name, profile?.answers.company ?? profile?.account?.name ?? profile?.company?.name]
    .filter(Boolean)
    .join(', ');
  const context = [
    `Lead: ${who || 'a visitor'}${profile?.score ? ` (score ${profile.score.total})` : ''}`,
    lead?.source ? `Source: ${lead.source}${lead.campaign ? ` / ${lead.campaign}` : ''}` : null,
    decision?.matchedRuleId
      ? `Routed by rule: ${decision.matchedRuleId} (rulebook v${decision.rulebookVersion})`
      : null,
  ].filter((line): line is string => line !== null);
  const link = leadLink(deps.publicUrl, siteKey, visitorId);

  if (event.detailType === 'LeadAssigned') {
    const rep = event.detail.repId ? await deps.reps.get(siteKey, event.detail.repId) : null;
    await deps.leadNotifier.notify(
      rep
        ? {
            siteKey,
            visitorId,
            emails: [rep.email],
            webhookUrl: rep.notifyWebhookUrl ?? policy.notifyWebhookUrl ?? null,
            subject: `New lead for ${rep.name}`,
            text: [`${event.detail.why}.`, ...context].join('\n'),
            link,
          }
        : {
            siteKey,
            visitorId,
            emails: policy.managerEmails,
            webhookUrl: policy.notifyWebhookUrl ?? null,
            subject: `Lead waiting in ${event.detail.queue ?? 'a queue'}`,
            text: [`${event.detail.why}.`, ...context].join('\n'),
            link,
          },
    );
  } else {
    const rep = event.detail.repId ? await deps.reps.get(siteKey, event.detail.repId) : null;
    await deps.leadNotifier.notify({
      siteKey,
      visitorId,
      emails: rep?.managerEmail ? [rep.managerEmail] : policy.managerEmails,
      webhookUrl: policy.notifyWebhookUrl ?? null,
      subject: `SLA breached: ${event.detail.term}${rep ? ` by ${rep.name}` : ''}`,
      text: [
        `The ${event.detail.term} deadline (${event.detail.dueAt}) passed.`,
        event.detail.reassignedTo ? `The lead was reassigned to ${event.detail.reassignedTo}.` : null,
        ...context,
      ]
        .filter(Boolean)
        .join('\n'),
      link,
    });
  }
  await deps.sync.remember(CONSUMER, event.id);
}
