import { type LocalizedText, localize } from '../playbooks/playbook.js';

/** The notice a site shows before it records anything about a visitor (site settings). */
export interface ConsentNotice {
  required: boolean;
  version: string;
  text: LocalizedText;
}

/**
 * Evidence of an acceptance: the exact notice text in the visitor's language, its version, when the
 * server (not the browser) received it, and a hash of the requester's address and user agent, which
 * can be matched against a later claim without keeping the address itself.
 */
export interface ConsentRecord {
  version: string;
  text: string;
  acceptedAt: string;
  requesterHash: string;
}

export type ConsentOutcome = { refused: true; version: string } | { refused: false; record: ConsentRecord | null };

/**
 * What a request's consent statement is worth on a site: refused when the site requires consent and
 * the request does not name the current notice version; otherwise the acceptance to keep (none when
 * the site has no notice or the request accepted none). The time is always the server's.
 */
export function weighConsent(
  notice: ConsentNotice | undefined,
  given: { version: string } | undefined,
  context: { language: string; now: Date; requesterHash: string },
): ConsentOutcome {
  const accepted = notice !== undefined && given?.version === notice.version;
  if (notice?.required && !accepted) return { refused: true, version: notice.version };
  if (!accepted) return { refused: false, record: null };
  return {
    refused: false,
    record: {
      version: notice.version,
      text: localize(notice.text, context.language),
      acceptedAt: context.now.toISOString(),
      requesterHash: context.requesterHash,
    },
  };
}

/** The first acceptance of a version stands; a new version's acceptance replaces an older one. */
export function keepConsent(held: ConsentRecord | undefined, next: ConsentRecord | null): ConsentRecord | undefined {
  if (!next) return held;
  return held?.version === next.version ? held : next;
}
