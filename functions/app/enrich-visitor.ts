import type { Logger } from '@aws-lambda-powertools/logger';
import { emailDomain, normalizeCompanyName } from '../core/enrichment/normalize.js';
import {
  MAX_ENRICHMENT_FAILURES,
  type CompanyFacts,
  type RoutingExclusion,
  type VisitorProfile,
} from '../core/visitors/visitor-profile.js';
import type { Account } from '../core/enrichment/account.js';
import type { AccountStore } from '../ports/account-store.js';
import type { Clock } from '../ports/clock.js';
import type { Delay } from '../ports/delay.js';
import type { CompanyEnrichmentProvider } from '../ports/company-enrichment.js';
import type { EmailClassifier } from '../ports/email-classifier.js';

export interface EnrichmentDependencies {
  clock: Clock;
  accounts: AccountStore;
  emailClassifier: EmailClassifier;
  companyEnrichment: CompanyEnrichmentProvider | null;
  logger: Pick<Logger, 'warn'>;
  /** Longest the chat waits for enrichment; what has not answered by then is used next time. */
  enrichmentBudgetMs: number;
  delay: Delay;
}

const toFacts = (account: Account, matchedBy: CompanyFacts['matchedBy']): CompanyFacts => ({
  source: 'account-list',
  domain: account.domain,
  name: account.name,
  employees: account.employees,
  industry: account.industry,
  country: account.country,
  region: account.region,
  tier: account.tier,
  ownerRepId: account.ownerRepId,
  matchedBy,
});

/**
 * Looks the visitor's company up in the account list and the enrichment API, in parallel and within
 * the time budget. Partial results are kept; a provider that failed or was too slow is recorded and
 * asked again on the next signal.
 */
export async function enrichVisitor(deps: EnrichmentDependencies, profile: VisitorProfile): Promise<VisitorProfile> {
  const domain = profile.answers.email ? emailDomain(profile.answers.email) : null;
  const emailKind = domain ? deps.emailClassifier.classify(domain) : profile.emailKind;
  const workDomain = emailKind === 'work' ? domain : null;
  const companyName = profile.answers.company ? normalizeCompanyName(profile.answers.company) : null;

  const accountKey = `${workDomain ?? ''}|${companyName ?? ''}`;
  const wantAccount = (workDomain !== null || companyName) && profile.enrichedFor.account !== accountKey;
  // A new email is checked against the contacts sales excluded from routing, in the same read as its account.
  const email = profile.answers.email ?? null;
  const wantExclusion = email !== null && profile.enrichedFor.exclusion !== email;

  const controller = new AbortController();
  const settled = new AbortController();
  const budget = deps.delay(deps.enrichmentBudgetMs, settled.signal).then(() => {
    controller.abort();
    return 'timeout' as const;
  });
  const withinBudget = async <T>(work: Promise<T>): Promise<T> => {
    const result = await Promise.race([work, budget]);
    if (result === 'timeout') throw new Error('timeout: no answer within the time budget');
    return result as T;
  };

  const lookupAccount = async (): Promise<{ account: CompanyFacts | null; exclusion: RoutingExclusion | null }> => {
    const found =
      (wantAccount && workDomain) || wantExclusion
        ? await deps.accounts.findForContact(profile.siteKey, {
            accountDomain: wantAccount ? workDomain : null,
            email: wantExclusion ? email : null,
            domain: wantExclusion ? workDomain : null,
          })
        : { account: null, exclusion: null };
    const exclusion = found.exclusion;
    if (!wantAccount) return { account: profile.account, exclusion };
    if (found.account) return { account: toFacts(found.account, 'email-domain'), exclusion };
    if (companyName) {
      const byName = await deps.accounts.findByNormalizedName(profile.siteKey, companyName);
      if (byName) return { account: toFacts(byName, 'company-name'), exclusion };
    }
    return { account: null, exclusion };
  };

  const accountTask = wantAccount || wantExclusion ? withinBudget(lookupAccount()) : null;
  // The API is asked about the work domain (in parallel with the account list), or else about the domain of the matched account.
  const apiDomain =
    workDomain ??
    (accountTask ? (await accountTask.catch(() => null))?.account?.domain : profile.account?.domain) ??
    null;
  const provider = deps.companyEnrichment;
  const companyTask =
    provider && apiDomain && profile.enrichedFor.company !== apiDomain
      ? withinBudget(provider.findCompany(apiDomain, controller.signal))
      : null;

  const [account, company] = await Promise.allSettled([
    accountTask ?? Promise.resolve(undefined),
    companyTask ?? Promise.resolve(undefined),
  ]);
  settled.abort();

  const at = deps.clock().toISOString();
  const failures = [...profile.enrichmentFailures];
  const enrichedFor = { ...profile.enrichedFor };
  let next: VisitorProfile = { ...profile, emailKind };

  if (accountTask) {
    if (account.status === 'fulfilled') {
      const found = account.value ?? { account: null, exclusion: null };
      next = { ...next, account: found.account };
      if (wantAccount) enrichedFor.account = accountKey;
      if (wantExclusion && email) {
        enrichedFor.exclusion = email;
        if (found.exclusion) next = { ...next, routingExclusion: found.exclusion };
      }
    } else failures.push({ provider: 'account-list', error: String((account.reason as Error).message), at });
  }
  if (companyTask && provider) {
    if (company.status === 'fulfilled') {
      next = { ...next, company: company.value ?? null };
      enrichedFor.company = apiDomain!;
    } else failures.push({ provider: provider.name, error: String((company.reason as Error).message), at });
  }
  for (const failure of failures.slice(profile.enrichmentFailures.length)) {
    deps.logger.warn('enrichment failed; partial result used, retried on the next signal', {
      visitorId: profile.visitorId,
      ...failure,
    });
  }
  return { ...next, enrichedFor, enrichmentFailures: failures.slice(-MAX_ENRICHMENT_FAILURES) };
}
