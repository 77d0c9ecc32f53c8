import { describe, expect, it } from 'vitest';
import { type ConsentRecord, keepConsent, weighConsent } from '../../../../functions/core/privacy/consent.js';

const now = new Date('2026-11-26T05:00:00.000Z');
const context = { language: 'pt-BR', now, requesterHash: 'a'.repeat(64) };
const notice = (required: boolean) => ({
  required,
  version: '2026-11',
  text: { en: 'This chat is recorded.', pt: 'Esta conversa é gravada.' },
});
const record = (overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  version: '2026-11',
  text: 'Esta conversa é gravada.',
  acceptedAt: now.toISOString(),
  requesterHash: 'a'.repeat(64),
  ...overrides,
});

describe('weighing a consent statement', () => {
  it.each([
    ['no notice, nothing accepted', undefined, undefined, { refused: false, record: null }],
    ['no notice, a version claimed', undefined, { version: '2026-11' }, { refused: false, record: null }],
    ['optional notice, nothing accepted', notice(false), undefined, { refused: false, record: null }],
    ['optional notice, an old version', notice(false), { version: '2026-10' }, { refused: false, record: null }],
    ['optional notice, accepted', notice(false), { version: '2026-11' }, { refused: false, record: record() }],
    ['required notice, nothing accepted', notice(true), undefined, { refused: true, version: '2026-11' }],
    ['required notice, an old version', notice(true), { version: '2026-10' }, { refused: true, version: '2026-11' }],
    ['required notice, accepted', notice(true), { version: '2026-11' }, { refused: false, record: record() }],
  ])('%s', (_, site, given, expected) => {
    expect(weighConsent(site, given, context)).toEqual(expected);
  });

  it("keeps the text in the visitor's language, falling back to English", () => {
    const outcome = weighConsent(notice(true), { version: '2026-11' }, { ...context, language: 'de' });

    expect(outcome).toEqual({ refused: false, record: record({ text: 'This chat is recorded.' }) });
  });
});

describe('keeping a consent record', () => {
  const first = record({ acceptedAt: '2026-11-01T00:00:00.000Z' });
  it.each([
    ['nothing held, nothing new', undefined, null, undefined],
    ['held, nothing new', first, null, first],
    ['nothing held, a new acceptance', undefined, record(), record()],
    ['held, the same version again: the first acceptance stands', first, record(), first],
    ['held, a new version: replaced', first, record({ version: '2026-12' }), record({ version: '2026-12' })],
  ])('%s', (_, held, next, expected) => {
    expect(keepConsent(held, next)).toEqual(expected);
  });
});
