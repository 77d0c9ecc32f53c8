import { describe, expect, it } from 'vitest';
import { applySignal, newVisitorProfile } from '../../../../functions/core/visitors/apply-signal.js';
import { TIME_ZONE_COUNTRIES } from '../../../../functions/core/visitors/time-zone-countries.js';
import { defaultScoringModel } from '../../../../functions/core/scoring/scoring-model.js';

const NOW = new Date('2026-11-25T10:00:00Z');
const browserIn = (timeZone: string) =>
  applySignal(
    newVisitorProfile('01JD3Q8Y8M4S0W6Q9V2ZC3H7KY', 'demo', NOW),
    { type: 'page_view', url: 'https://acme.test/', timeZone },
    defaultScoringModel,
    NOW,
  ).geo;

describe('the country of a browser without an edge header', () => {
  it.each([
    ['America/Los_Angeles', 'US'],
    ['Europe/Berlin', 'DE'],
    ['Europe/Busingen', 'DE'],
    ['Asia/Kolkata', 'IN'],
    ['Asia/Calcutta', 'IN'],
    ['America/Buenos_Aires', 'AR'],
    ['America/Sao_Paulo', 'BR'],
    ['Australia/Eucla', 'AU'],
  ])('guesses %s → %s from the IANA zone table, marked as coming from the browser', (timeZone, country) => {
    expect(browserIn(timeZone)).toEqual({ country, region: null, timeZone, source: 'browser' });
  });

  it.each([['UTC'], ['Etc/GMT+3'], ['Etc/UTC']])('guesses no country from %s', (timeZone) => {
    expect(browserIn(timeZone).country).toBeNull();
  });

  it('knows a country for every zone the browser may report, except the Etc/UTC ones', () => {
    const unknown = Intl.supportedValuesOf('timeZone').filter(
      (zone) => !TIME_ZONE_COUNTRIES[zone] && !/^(Etc\/|UTC$|GMT$)/.test(zone),
    );
    expect(unknown).toEqual([]);
    expect(Object.values(TIME_ZONE_COUNTRIES).every((country) => /^[A-Z]{2}$/.test(country))).toBe(true);
  });
});
