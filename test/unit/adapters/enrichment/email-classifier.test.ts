import { describe, expect, it } from 'vitest';
import { PackageListEmailClassifier } from '../../../../functions/adapters/enrichment/email-classifier.package-lists.js';

describe('PackageListEmailClassifier', () => {
  const classifier = new PackageListEmailClassifier();

  it.each([
    ['gmail.com', 'personal'],
    ['yahoo.com.br', 'personal'],
    ['outlook.com', 'personal'],
    ['qq.com', 'personal'],
    ['mailinator.com', 'disposable'],
    ['guerrillamail.com', 'disposable'],
    ['globex.com', 'work'],
    ['GMAIL.COM', 'personal'],
  ])('%s is %s', (domain, kind) => {
    expect(classifier.classify(domain)).toBe(kind);
  });
});
