import { describe, expect, it } from 'vitest';
import { composeMeetingMails, type MeetingMailKind } from '../../../functions/core/scheduling/compose-meeting-mails.js';
import type { Meeting } from '../../../functions/core/scheduling/meeting.js';
import { demoSite, pricingPlaybook } from '../../../functions/local/demo-data.js';
import { openLabel, textsFor, WIDGET_LANGUAGES } from '../../../widget/src/texts.js';
import { aMailedMeeting } from '../../fixtures/builders.js';

const OTHERS = WIDGET_LANGUAGES.filter((language) => language !== 'en');
const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map((match) => match[0]).sort();
/** Words the languages share with English: "Chat" is the word in each of them. */
const SAME_IN_EVERY_LANGUAGE = new Set(['Chat']);
/** English words a language uses as its own. */
const BORROWED: Record<string, Set<string>> = { de: new Set(['Manager']) };

describe('every text in every language the widget speaks', () => {
  it('claims English, Spanish, Portuguese and German', () => {
    expect(WIDGET_LANGUAGES).toEqual(['en', 'es', 'pt', 'de']);
  });

  it.each(OTHERS)(
    'has every widget and manage-page text in %s, none left in English, with the same placeholders',
    (language) => {
      const english = textsFor('en');
      const texts = textsFor(language);
      expect(Object.keys(texts).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(texts) as Array<[keyof typeof english, string]>) {
        expect(text.trim(), key).not.toBe('');
        if (!SAME_IN_EVERY_LANGUAGE.has(english[key])) expect(text, key).not.toBe(english[key]);
        expect(placeholders(text), key).toEqual(placeholders(english[key]));
      }
      expect(openLabel(language)).not.toBe(openLabel('en'));
    },
  );

  it('speaks English to a browser language it does not have, and the base language to a regional one', () => {
    expect(textsFor('fr-FR')).toEqual(textsFor('en'));
    expect(textsFor('pt-BR')).toEqual(textsFor('pt'));
    expect(openLabel('DE-at')).toBe(openLabel('de'));
  });

  /** Every localized text in the demo site's playbooks, with where it sits. */
  const localizedTexts = (value: unknown, path: string): Array<{ path: string; text: Record<string, string> }> => {
    if (Array.isArray(value)) return value.flatMap((item, index) => localizedTexts(item, `${path}[${index}]`));
    if (!value || typeof value !== 'object') return [];
    const record = value as Record<string, unknown>;
    if (typeof record.en === 'string') return [{ path, text: record as Record<string, string> }];
    return Object.entries(record).flatMap(([key, item]) => localizedTexts(item, `${path}.${key}`));
  };

  it('has every conversation text of the demo site in every language, none of them the English one', () => {
    const texts = [...localizedTexts(demoSite, 'demoSite'), ...localizedTexts(pricingPlaybook, 'pricingPlaybook')];
    expect(texts.length).toBeGreaterThan(30);
    const missing = texts.flatMap(({ path, text }) =>
      OTHERS.filter((language) => !text[language]?.trim()).map((language) => `${path} ${language}`),
    );
    // A label made of numbers ("1–50") is the same in every language; words are not.
    const english = texts.flatMap(({ path, text }) =>
      OTHERS.filter(
        (language) => text[language] === text.en && /[a-z]{3}/i.test(text.en!) && !BORROWED[language]?.has(text.en!),
      ).map((language) => `${path} ${language}: ${text.en}`),
    );
    expect(missing).toEqual([]);
    expect(english).toEqual([]);
  });

  const meeting = aMailedMeeting({
    visitor: { name: 'Lucía Gómez', email: 'lucia@umbrella.pt', timeZone: 'Europe/Lisbon' },
    language: 'en',
    location: null,
  });
  const KINDS: MeetingMailKind[] = ['booked', 'updated', 'canceled', 'reminder-24h', 'reminder-1h'];
  const visitorMail = (language: string, kind: MeetingMailKind, location: Meeting['location'] = null) =>
    composeMeetingMails({
      kind,
      meeting: { ...meeting, language, location },
      company: 'Acme Analytics',
      language,
      repTimeZone: 'Europe/Madrid',
      manageUrl: 'https://baton.example/manage/01JD3Q8Y8M4S0W6Q9V2ZC3H7M1?token=t0123456789abcdefghij',
      location,
      lead: null,
    }).visitor;

  it.each(OTHERS)('writes every visitor mail in %s: no line and no label of the English mail is left', (language) => {
    for (const kind of KINDS)
      for (const location of [
        null,
        { kind: 'video', value: 'https://meet.example/abc' },
        { kind: 'phone', value: '+1 555 0100' },
      ] as const) {
        const english = visitorMail('en', kind, location);
        const mail = visitorMail(language, kind, location);
        const lines = mail.text.split('\n');
        const englishLines = english.text.split('\n');
        expect(lines).toHaveLength(englishLines.length);
        englishLines.forEach((line, index) => {
          // Only the company's name stands alone the same in each language.
          if (line === '' || line === 'Acme Analytics') return;
          expect(lines[index], `${kind} line ${index}`).not.toBe(line);
          const label = /^([^:]+): /.exec(line)?.[1];
          if (label) expect(lines[index]!.startsWith(`${label}:`), `${kind} label ${label}`).toBe(false);
        });
        expect(mail.subject).not.toBe(english.subject);
        expect(mail.html).toContain(`<html lang="${language}">`);
        expect(mail.html).not.toContain(englishLines[2]);
        expect(mail.calendarDescription.split('\n')[0]).not.toBe(english.calendarDescription.split('\n')[0]);
      }
  });
});
