import type { WidgetApi } from './api.js';

export interface Notice {
  required: boolean;
  version: string;
  text: string;
}

export type Choice = 'accepted' | 'refused';

/** What the visitor chose for a notice version; a new version asks again. */
const choiceKey = (siteKey: string) => `baton:${siteKey}:consent`;
export const storedChoice = (siteKey: string, version: string): Choice | null => {
  const value = localStorage.getItem(choiceKey(siteKey));
  if (value === `accepted:${version}`) return 'accepted';
  if (value === `refused:${version}`) return 'refused';
  return null;
};

/**
 * The launcher's visitor events, held back on a site that requires consent: nothing leaves the
 * browser before the visitor accepts the notice, what was held is sent once they do (with the
 * accepted version, which the server requires), and it is dropped, as everything after, once they
 * refuse. The chat tells the gate the choice after the conversation start has given the visitor
 * their token, so held events join that visitor.
 */
export interface ConsentGate {
  /** Sends an event, holds it, or drops it; settles with the visitor id once the event was answered or held. */
  track(event: Record<string, unknown>): Promise<string | null>;
  decide(choice: Choice): void;
}

export function consentGate(
  api: WidgetApi,
  siteKey: string,
  language: string,
  notice: Promise<Notice | null | undefined>,
): ConsentGate {
  let state: 'waiting' | 'sending' | 'holding' | 'dropping' = 'waiting';
  let accepted: { version: string; language: string } | undefined;
  let held: Array<Record<string, unknown>> = [];
  let version: string | undefined;

  const send = (event: Record<string, unknown>) =>
    api
      .call('/v1/visitor-events', {
        method: 'POST',
        body: { siteKey, event, ...(accepted ? { consent: accepted } : {}) },
        keepalive: true,
      })
      .then(() => api.visitorId())
      .catch(() => api.visitorId());
  const settled = notice.then((current) => {
    version = current?.version;
    // An unknown notice (the configuration did not load) is treated as one that requires consent.
    const choice = current ? storedChoice(siteKey, current.version) : null;
    if (choice === 'accepted' && current) accepted = { version: current.version, language };
    state =
      current === null || (current && !current.required) || choice === 'accepted'
        ? 'sending'
        : choice === 'refused'
          ? 'dropping'
          : 'holding';
  });

  return {
    async track(event) {
      await settled;
      if (state === 'sending') return send(event);
      if (state === 'holding') held.push(event);
      return api.visitorId();
    },
    decide(choice) {
      if (version) localStorage.setItem(choiceKey(siteKey), `${choice}:${version}`);
      const waiting = held;
      held = [];
      if (choice === 'refused') {
        state = 'dropping';
        return;
      }
      if (version) accepted = { version, language };
      state = 'sending';
      for (const event of waiting) void send(event);
    },
  };
}
