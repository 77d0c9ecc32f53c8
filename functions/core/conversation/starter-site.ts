import type { Playbook } from '../playbooks/playbook.js';
import { defaultRulebookContent, type Rulebook } from '../rulebook/rulebook.js';

/**
 * What a new site starts with: a short qualifying chat that routes and offers times, so the widget
 * works the moment the script tag is on a page. Marketing replaces it through the rulebook draft.
 */
export function starterPlaybook(siteName: string): Playbook {
  return {
    id: 'starter-v1',
    greeting: { en: `Hi! I'm the ${siteName} assistant. I can connect you with the right person on our team.` },
    afterEnd: { en: 'Thanks, we have everything we need. A member of our team will be in touch.' },
    steps: [
      {
        id: 'need',
        kind: 'ask-text',
        answerKey: 'need',
        maxLength: 500,
        prompt: { en: 'What brings you here today?' },
      },
      {
        id: 'email',
        kind: 'ask-email',
        answerKey: 'email',
        prompt: { en: "What's your work email, so the right person can follow up?" },
        invalid: { en: "That doesn't look like an email address. Could you check it?" },
      },
      {
        id: 'route',
        kind: 'route',
        offerSlots: true,
        routed: { en: "You're in good hands: {rep} from our team will take it from here." },
      },
      { id: 'thanks', kind: 'end', text: { en: 'Thank you! Someone from our team will reach out shortly.' } },
    ],
  };
}

/**
 * The first live rulebook of a new site: the seed's scoring model and nurture outcomes, one empty
 * inbound pool every MQL goes to (sales adds its reps), and a follow-up by email while it is empty.
 */
export const starterRulebook: Rulebook = {
  ...defaultRulebookContent,
  version: 1,
  pools: [{ id: 'inbound', name: 'Inbound sales', strategy: 'weighted-round-robin', members: [], visitorPicks: false }],
  rules: [
    {
      id: 'mql',
      name: 'Every MQL',
      when: { field: 'qualifies', op: 'equals', value: true },
      route: { type: 'pool', poolId: 'inbound' },
    },
  ],
  fallbacks: [{ type: 'nurture', nurtureId: 'follow-up' }],
  alerts: { emails: [] },
  playbooks: [],
};
