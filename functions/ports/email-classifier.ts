export type EmailKind = 'work' | 'personal' | 'disposable';

/** Tells a work address from a free-mail or throwaway one, by its domain. */
export interface EmailClassifier {
  classify(domain: string): EmailKind;
}
