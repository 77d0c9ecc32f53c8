import { createRequire } from 'node:module';
import type { EmailClassifier, EmailKind } from '../../ports/email-classifier.js';

/**
 * Free-mail and throwaway domains from maintained package lists (`email-providers`,
 * `disposable-email-domains`), loaded on first use: the disposable list alone is about 120,000
 * domains, which should cost nothing to requests that never see an email address.
 */
export class PackageListEmailClassifier implements EmailClassifier {
  private lists: { personal: Set<string>; disposable: Set<string> } | undefined;

  classify(domain: string): EmailKind {
    this.lists ??= loadLists();
    const lists = this.lists;
    const normalized = domain.toLowerCase();
    if (lists.disposable.has(normalized)) return 'disposable';
    if (lists.personal.has(normalized)) return 'personal';
    return 'work';
  }
}

function loadLists() {
  const load = createRequire(import.meta.url);
  // Names held in variables keep bundlers from inlining the large lists into the function bundle.
  const personalPackage = 'email-providers/all.json';
  const disposablePackage = 'disposable-email-domains';
  return {
    personal: new Set<string>(load(personalPackage) as string[]),
    disposable: new Set<string>(load(disposablePackage) as string[]),
  };
}
