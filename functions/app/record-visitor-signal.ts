import { applySignal, newVisitorProfile, type VisitorSignal } from '../core/visitors/apply-signal.js';
import { rescoreVisitor, type VisitorEvent } from '../core/visitors/rescore-visitor.js';
import type { Geo, VisitorProfile } from '../core/visitors/visitor-profile.js';
import { VisitorChangedError } from '../ports/visitor-store.js';
import { domainEvent, type DomainEvent } from '../core/events/domain-event.js';
import type { Dependencies } from './dependencies.js';
import { enrichVisitor } from './enrich-visitor.js';
import { conflict, DomainError, notFound } from './errors.js';
import { type Requester, requesterHash } from './privacy/requester.js';
import { keepConsent, weighConsent, type ConsentRecord } from '../core/privacy/consent.js';
import { expiryOf, retentionOf } from '../core/privacy/retention.js';
import { emailDomain } from '../core/enrichment/normalize.js';
import type { Rulebook } from '../core/rulebook/rulebook.js';
import type { AccountStore } from '../ports/account-store.js';

export interface RecordVisitorSignalInput {
  siteKey: string;
  visitorId?: string | undefined;
  signal: VisitorSignal;
  edgeGeo?: Partial<Geo>;
  /** The rulebook version of the conversation the signal came from; the live one otherwise. */
  rulebookVersion?: number;
  /** The conversation the signal came from: an identification there sends its transcript to the CRM. */
  conversationId?: string;
  /** Contact details given with the signal (the booking form's name and email), applied before it. */
  contact?: Extract<VisitorSignal, { type: 'identify' }>['answers'];
  /**
   * Set on the public visitor events: what the request says the visitor accepted, and who sent it. A
   * site that requires consent records nothing without it; signals from a conversation or a booking
   * come after the conversation's own consent and leave this out.
   */
  consent?: { given: { version: string; language?: string | undefined } | undefined; requester: Requester };
  /**
   * Called as the profile is first read, for a caller with reads of its own to send beside it: reads by
   * key sent in the same turn of the event loop leave together as one BatchGetItem.
   */
  readAlongside?: (rulebook: Rulebook) => void;
  /**
   * The caller knows no profile was stored a moment ago (a visitor its conversation's start made, or a
   * merge refused for want of one): the first attempt writes a new profile without reading. Its write is
   * conditional on no profile being there, so one stored meanwhile is read and applied on the next attempt.
   */
  noProfileStored?: boolean;
}

const ATTEMPTS = 3;

const reasonOf = (signal: VisitorSignal): string => {
  switch (signal.type) {
    case 'page_view':
      return `viewed ${new URL(signal.url).pathname}`;
    case 'page_leave':
      return 'left a page';
    case 'identify':
      return `told us ${Object.keys(signal.answers).join(', ')}`;
    case 'content':
      return signal.behaviour;
    case 'unsubscribe':
      return 'unsubscribed';
  }
};

/**
 * The account store, with the lookup enrichment will make for the email the signal gives already sent:
 * the keys follow from the email alone, and a profile already enriched for it asks less (answered from
 * the same result) or nothing (the read is wasted, a key or three).
 */
function contactReadAhead(deps: Pick<Dependencies, 'accounts' | 'emailClassifier'>, input: RecordVisitorSignalInput) {
  const given = input.signal.type === 'identify' ? input.signal.answers.email : undefined;
  // As applySignal keeps it: the signal's over the contact's, an empty one left out, lower case.
  const email = (given || input.contact?.email)?.trim().toLowerCase();
  if (!email) return deps.accounts;
  const domain = emailDomain(email);
  const workDomain = domain && deps.emailClassifier.classify(domain) === 'work' ? domain : null;
  const ahead = deps.accounts.findForContact(input.siteKey, { accountDomain: workDomain, email, domain: workDomain });
  ahead.catch(() => undefined);
  const accounts: AccountStore = Object.create(deps.accounts);
  accounts.findForContact = (siteKey, keys) => {
    const account = keys.accountDomain === null || keys.accountDomain === workDomain;
    const noExclusion = keys.email === null && keys.domain === null;
    const exclusion = noExclusion || (keys.email === email && keys.domain === workDomain);
    if (siteKey !== input.siteKey || !account || !exclusion) return deps.accounts.findForContact(siteKey, keys);
    return ahead.then((found) => ({
      account: keys.accountDomain === null ? null : found.account,
      exclusion: noExclusion ? null : found.exclusion,
    }));
  };
  return accounts;
}

/** One signal in, the profile enriched, scored and stored in the same request. Retries when another request changed the visitor meanwhile. */
export async function recordVisitorSignal(
  deps: Dependencies,
  input: RecordVisitorSignalInput,
): Promise<{ profile: VisitorProfile; events: VisitorEvent[] }> {
  const [rulebook, site] = await Promise.all([
    (async () =>
      (input.rulebookVersion ? await deps.rulebooks.getVersion(input.siteKey, input.rulebookVersion) : null) ??
      (await deps.rulebooks.getLive(input.siteKey)))(),
    deps.sites.get(input.siteKey),
  ]);
  if (!rulebook) throw notFound('Unknown site', `No site has the key "${input.siteKey}".`);
  let accepted: ConsentRecord | null = null;
  if (input.consent) {
    const { given, requester } = input.consent;
    const outcome = weighConsent(site?.consent, given, {
      language: given?.language ?? site?.defaultLanguage ?? 'en',
      now: deps.clock(),
      requesterHash: requesterHash(requester),
    });
    if (outcome.refused)
      throw new DomainError(
        'invalid',
        'Consent required',
        `This site records visitors only after they accept notice version ${outcome.version}.`,
      );
    accepted = outcome.record;
  }

  // The account and exclusion lookup of an email the signal carries is sent beside the profile's read.
  const enrichment = { ...deps, accounts: contactReadAhead(deps, input) };
  // An attempt without a read does not count among those that read.
  const blind = input.noProfileStored === true && input.visitorId !== undefined;
  for (let attempt = 0; attempt < ATTEMPTS + (blind ? 1 : 0); attempt++) {
    const now = deps.clock();
    const read = input.visitorId && !(blind && attempt === 0) ? deps.visitors.get(input.visitorId) : null;
    // The caller's reads leave beside one this signal sends anyway (the profile, an email's account), never alone.
    if (attempt === 0 && (!blind || enrichment.accounts !== deps.accounts)) input.readAlongside?.(rulebook);
    const existing = await read;
    // A visitor id belongs to one site; another site's key must not reach it.
    if (existing && existing.siteKey !== input.siteKey)
      throw notFound('Unknown visitor', 'This visitor does not belong to that site.');
    const current = existing ?? newVisitorProfile(input.visitorId ?? deps.newId(), input.siteKey, now);

    const contacted = input.contact
      ? applySignal(current, { type: 'identify', answers: input.contact }, rulebook.scoring, now)
      : current;
    const applied = applySignal(contacted, input.signal, rulebook.scoring, now, input.edgeGeo);
    const enriched = await enrichVisitor(enrichment, applied);
    const { profile, events } = rescoreVisitor(
      enriched,
      rulebook.scoring,
      rulebook.version,
      now,
      reasonOf(input.signal),
    );
    const consent = keepConsent(current.consent, accepted);
    const stored = {
      ...profile,
      ...(consent ? { consent } : {}),
      expiresAt: expiryOf(profile.lastSeenAt, retentionOf(site ?? {}).visitorDays),
      version: current.version + 1,
    };
    const at = now.toISOString();
    const domainEvents: DomainEvent[] = events.map((event) =>
      event.type === 'LeadScored'
        ? domainEvent('LeadScored', `lead-scored:${stored.visitorId}:${stored.version}`, input.siteKey, at, {
            visitorId: event.visitorId,
            total: event.total,
            delta: event.delta,
            rulebookVersion: event.rulebookVersion,
          })
        : domainEvent('StageChanged', `stage-changed:${stored.visitorId}:${stored.version}`, input.siteKey, at, {
            visitorId: event.visitorId,
            from: event.from,
            to: event.to,
            rulebookVersion: event.rulebookVersion,
          }),
    );
    if (stored.answers.email && stored.answers.email !== current.answers.email) {
      domainEvents.unshift(
        domainEvent(
          'VisitorIdentified',
          `visitor-identified:${stored.visitorId}:${stored.version}`,
          input.siteKey,
          at,
          {
            visitorId: stored.visitorId,
            email: stored.answers.email,
            name: stored.answers.name ?? null,
            company: stored.answers.company ?? stored.account?.name ?? null,
            conversationId: input.conversationId ?? null,
          },
        ),
      );
    }
    try {
      await deps.visitors.save(stored, domainEvents);
      return { profile: stored, events };
    } catch (error) {
      if (!(error instanceof VisitorChangedError)) throw error;
    }
  }
  throw conflict('Visitor busy', 'This visitor changed several times while the signal was applied; send it again.');
}
