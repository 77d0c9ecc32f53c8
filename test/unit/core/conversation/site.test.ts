import { describe, expect, it } from 'vitest';
import { Site, SiteKey } from '../../../../functions/core/conversation/site.js';
import { aSite } from '../../../fixtures/builders.js';

describe('a site key', () => {
  it.each([
    ['abc', true],
    ['a1-', true],
    ['9-to-5', true],
    [`a${'b'.repeat(62)}`, true],
    [`a${'b'.repeat(63)}`, false],
    ['ab', false],
    ['-ab', false],
    ['Abc', false],
    ['ab_c', false],
    ['abc ', false],
    [' abc', false],
  ])('takes %j: %s', (key, accepted) => {
    expect(SiteKey.safeParse(key).success).toBe(accepted);
  });
});

describe('a site', () => {
  it('keeps what it is given and defaults the meeting type', () => {
    const { meetingType, ...withoutMeetingType } = aSite();

    expect(Site.parse(aSite())).toEqual(aSite());
    expect(Site.parse(withoutMeetingType).meetingType).toEqual(meetingType);
  });

  it.each([
    ['a one-character name', { name: 'A' }, true],
    ['an empty name', { name: '' }, false],
    ['a name of 200 characters', { name: 'n'.repeat(200) }, true],
    ['a name of 201 characters', { name: 'n'.repeat(201) }, false],
    ['a two-letter language', { defaultLanguage: 'pt' }, true],
    ['a one-letter language', { defaultLanguage: 'p' }, false],
    ['a language tag of 35 characters', { defaultLanguage: 'x'.repeat(35) }, true],
    ['a language tag of 36 characters', { defaultLanguage: 'x'.repeat(36) }, false],
  ])('takes %s: %s', (_, change, accepted) => {
    expect(Site.safeParse(aSite(change)).success).toBe(accepted);
  });

  it.each([
    ['a version of 1 to 40 characters', { version: 'v', text: { en: 'We record this chat.' } }, true],
    ['an empty version', { version: '', text: { en: 'We record this chat.' } }, false],
    ['a version of 41 characters', { version: 'v'.repeat(41), text: { en: 'We record this chat.' } }, false],
    ['a version of 40 characters', { version: 'v'.repeat(40), text: { en: 'We record this chat.' } }, true],
  ])('takes a consent notice with %s: %s', (_, notice, accepted) => {
    const parsed = Site.safeParse(aSite({ consent: { required: true, ...notice } }));

    expect(parsed.success).toBe(accepted);
    if (parsed.success) expect(parsed.data.consent).toEqual({ required: true, ...notice });
  });

  it('refuses a consent notice with a field it does not know', () => {
    const consent = { required: true, version: 'v1', text: { en: 'x' }, extra: 1 };

    expect(Site.safeParse({ ...aSite(), consent }).success).toBe(false);
  });
});
