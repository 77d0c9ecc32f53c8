import type { DomainEvent } from '../../core/events/domain-event.js';
import { speedToLeadBucket } from '../../core/funnel/funnel-report.js';
import type { Dependencies } from '../dependencies.js';

const CONSUMER = 'reports';

/**
 * Keeps the report aggregates up to date, one event at a time: entries into each stage by source,
 * campaign, routing rule and rulebook version; conversations and meetings; the speed-to-lead
 * histogram; rejection reasons by source; SLA verdicts and routed leads per rep. Each event id is
 * counted once (a crash between counting and remembering may count one event twice).
 */
export async function updateReports(
  deps: Pick<Dependencies, 'reports' | 'leads' | 'sync'>,
  event: DomainEvent,
): Promise<void> {
  const { siteKey } = event;
  const day = new Date(event.time).toISOString().slice(0, 10);
  const add = deps.reports.add.bind(deps.reports, siteKey);
  let work: Array<() => Promise<void>> = [];
  switch (event.detailType) {
    case 'StageChanged': {
      if (event.detail.subject !== 'lead') return;
      const lead = await deps.leads.get(siteKey, event.detail.visitorId);
      const counters = { [`entered:${event.detail.to}`]: 1 };
      work = [
        () => add('all', day, 'all', counters),
        () => add('source', day, lead?.source ?? 'none', counters),
        () => add('campaign', day, lead?.campaign ?? 'none', counters),
        () => add('rule', day, lead?.ruleId ?? 'none', counters),
        () => add('version', day, String(lead?.rulebookVersion ?? event.detail.rulebookVersion), counters),
      ];
      break;
    }
    case 'LeadRejected': {
      const counters = { [`rejected:${event.detail.reason}`]: 1 };
      work = [
        () => add('all', day, 'all', counters),
        () => add('source', day, event.detail.source ?? 'none', counters),
      ];
      break;
    }
    case 'ConversationStarted':
      work = [() => add('all', day, 'all', { conversations: 1 })];
      break;
    case 'MeetingBooked':
      work = [() => add('all', day, 'all', { meetings: 1 })];
      break;
    case 'LeadActivityLogged': {
      const { firstTouch, mqlAt } = event.detail;
      if (!firstTouch || !mqlAt) return;
      const seconds = (Date.parse(event.time) - Date.parse(mqlAt)) / 1000;
      work = [() => add('all', day, 'all', { [speedToLeadBucket(seconds)]: 1 })];
      break;
    }
    case 'LiveChatEnded': {
      const seconds = event.detail.firstResponseSeconds;
      const counters = {
        'live:ended': 1,
        ...(seconds === null ? {} : { 'live:answered': 1, 'live:firstResponseSeconds': seconds }),
      };
      work = [() => add('rep', day, event.detail.repId, counters)];
      break;
    }
    case 'SlaMet':
    case 'SlaBreached': {
      const verdict = event.detailType === 'SlaMet' ? 'met' : 'breached';
      work = [() => add('rep', day, event.detail.repId ?? 'marketing', { [`sla:${verdict}:${event.detail.term}`]: 1 })];
      break;
    }
    case 'VisitorRouted': {
      const repId = event.detail.repId;
      if (!repId) return;
      work = [() => add('rep', day, repId, { routed: 1 })];
      break;
    }
    default:
      return;
  }
  if (await deps.sync.seen(CONSUMER, event.id)) return;
  for (const step of work) await step();
  await deps.sync.remember(CONSUMER, event.id);
}
