import { describe, expect, it } from 'vitest';
import {
  composeMeetingMails,
  describeTime,
  type LeadContext,
  type MeetingMailInput,
  type MeetingMailKind,
} from '../../../../functions/core/scheduling/compose-meeting-mails.js';
import { aMeeting } from '../../../fixtures/builders.js';

const KINDS: MeetingMailKind[] = ['booked', 'updated', 'canceled', 'reminder-24h', 'reminder-1h'];
const MANAGE = 'https://baton.test/m/abc?t=1&u=2';

const aLeadContext = (overrides: Partial<LeadContext> = {}): LeadContext => ({
  company: 'Globex',
  jobTitle: 'Head of Sales',
  score: 72,
  stage: 'mql',
  answers: [
    { key: 'need', value: 'routing' },
    { key: 'team', value: '12 reps' },
  ],
  routedBecause: 'owns the Globex account',
  ...overrides,
});

/** A 45-minute meeting late on 1 December in UTC: already 2 December in Berlin, still afternoon in Los Angeles. */
const aMailInput = (overrides: Partial<MeetingMailInput> = {}): MeetingMailInput => ({
  kind: 'booked',
  meeting: aMeeting({
    repName: 'Ana',
    visitor: { name: 'Vera', email: 'vera@globex.test', timeZone: 'Europe/Berlin' },
    start: '2026-12-01T23:30:00.000Z',
    end: '2026-12-02T00:15:00.000Z',
  }),
  company: 'Acme',
  language: 'en',
  repTimeZone: 'America/Los_Angeles',
  manageUrl: MANAGE,
  location: { kind: 'video', value: 'https://meet.test/ana' },
  lead: aLeadContext(),
  ...overrides,
});

/** ICU separates times with narrow no-break spaces; the sentences here are about words, not spacing. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
const linesOf = (text: string) => plain(text).split('\n');

/** Every element the page opens is closed, in order: no half of a row, cell or table is missing. */
function unbalancedTags(html: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const [, closing, name] of html.matchAll(/<(\/?)([a-z][a-z0-9]*)\b[^>]*>/gi)) {
    const tag = name!.toLowerCase();
    if (tag === 'meta' || tag === 'html' || tag === 'head' || tag === 'body') continue;
    if (!closing) stack.push(tag);
    else if (stack.pop() !== tag) problems.push(`</${tag}>`);
  }
  return [...problems, ...stack];
}
/** What a reader sees in the page's body, tags taken out. */
const htmlText = (html: string) =>
  plain(html.slice(html.indexOf('<body')).replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

describe('describeTime', () => {
  const meeting = { start: '2026-12-01T23:30:00.000Z', end: '2026-12-02T00:15:00.000Z' };

  it.each([
    [
      'Europe/Berlin',
      'en',
      'Wednesday, December 2, 2026, 12:30 AM–1:15 AM Central European Standard Time (Europe/Berlin)',
    ],
    [
      'America/Los_Angeles',
      'en',
      'Tuesday, December 1, 2026, 3:30 PM–4:15 PM Pacific Standard Time (America/Los_Angeles)',
    ],
    ['Europe/Berlin', 'de', 'Mittwoch, 2. Dezember 2026, 00:30–01:15 Mitteleuropäische Normalzeit (Europe/Berlin)'],
  ])('names the day, hours and zone as they are in %s (%s)', (zone, locale, expected) => {
    expect(plain(describeTime(meeting, zone, locale))).toBe(expected);
  });
});

describe('the visitor mail', () => {
  it('greets the visitor, says what happened, when in their zone and for how long, where, and how to manage it', () => {
    const { visitor } = composeMeetingMails(aMailInput());

    expect(visitor.subject).toBe('Your meeting with Ana, Acme');
    expect(linesOf(visitor.text)).toEqual([
      'Hello Vera,',
      '',
      'Your meeting with Ana of Acme is booked.',
      '',
      'When: Wednesday, December 2, 2026, 12:30 AM–1:15 AM Central European Standard Time (Europe/Berlin) · 45 minutes',
      'Where: Video call: https://meet.test/ana',
      '',
      `Reschedule or cancel: ${MANAGE}`,
      '',
      'Acme',
    ]);
    expect(visitor.calendarDescription.split('\n')).toEqual([
      'Your meeting with Ana of Acme is booked.',
      'Video call: https://meet.test/ana',
      `Reschedule or cancel: ${MANAGE}`,
    ]);
  });

  it.each([
    ['booked', 'Your meeting with Ana, Acme', 'Your meeting with Ana of Acme is booked.'],
    ['updated', 'Updated: your meeting with Ana, Acme', 'Your meeting with Ana of Acme has a new time.'],
    ['canceled', 'Canceled: your meeting with Ana, Acme', 'Your meeting with Ana of Acme is canceled.'],
    ['reminder-24h', 'Tomorrow: your meeting with Ana, Acme', 'A reminder: you meet Ana of Acme tomorrow.'],
    ['reminder-1h', 'In one hour: your meeting with Ana, Acme', 'A reminder: you meet Ana of Acme in one hour.'],
  ] as const)('a %s mail has its own subject and headline', (kind, subject, headline) => {
    const { visitor } = composeMeetingMails(aMailInput({ kind }));

    expect(visitor.subject).toBe(subject);
    expect(linesOf(visitor.text)[2]).toBe(headline);
    expect(visitor.calendarDescription.split('\n')[0]).toBe(headline);
    expect(visitor.html).toContain(`<title>${headline}</title>`);
  });

  it('a cancellation leaves out the place and offers to book another time instead of managing this one', () => {
    const { visitor } = composeMeetingMails(aMailInput({ kind: 'canceled' }));

    expect(linesOf(visitor.text).slice(4)).toEqual([
      'When: Wednesday, December 2, 2026, 12:30 AM–1:15 AM Central European Standard Time (Europe/Berlin) · 45 minutes',
      '',
      `Book another time: ${MANAGE}`,
      '',
      'Acme',
    ]);
    expect(visitor.calendarDescription.split('\n')).toEqual([
      'Your meeting with Ana of Acme is canceled.',
      `Book another time: ${MANAGE}`,
    ]);
    expect(visitor.html).not.toContain('meet.test');
    expect(htmlText(visitor.html)).toContain('Book another time');
  });

  it.each([
    [{ kind: 'video', value: 'https://meet.test/ana' } as const, 'Video call: https://meet.test/ana'],
    [{ kind: 'place', value: 'Rua Augusta 1, Lisboa' } as const, 'Place: Rua Augusta 1, Lisboa'],
    [{ kind: 'phone', value: '+351 21 000 0000' } as const, 'Phone: +351 21 000 0000'],
    [null, 'Ana will send you the details.'],
  ])('states the location %j as %s', (location, line) => {
    const { visitor } = composeMeetingMails(aMailInput({ location }));

    expect(linesOf(visitor.text)[5]).toBe(`Where: ${line}`);
    expect(visitor.calendarDescription.split('\n')[1]).toBe(line);
    expect(htmlText(visitor.html)).toContain(`Where ${line}`);
  });

  it('links only a video room in the page, never a place or a phone number', () => {
    const video = composeMeetingMails(aMailInput()).visitor.html;
    const place = composeMeetingMails(aMailInput({ location: { kind: 'place', value: 'https://not-a-link.test' } }))
      .visitor.html;

    expect(video).toContain(
      '<a href="https://meet.test/ana" style="color:#2f5bea">Video call: https://meet.test/ana</a>',
    );
    expect(place).not.toContain('<a href="https://not-a-link.test"');
    expect(place).toContain('Place: https://not-a-link.test');
  });

  it.each([
    [
      'es',
      'Hola, Vera:',
      'Cuándo',
      '45 minutos',
      'Dónde',
      'Videollamada',
      'Cambiar o cancelar',
      'Reservar otro horario',
    ],
    [
      'pt',
      'Olá, Vera,',
      'Quando',
      '45 minutos',
      'Onde',
      'Videochamada',
      'Remarcar ou cancelar',
      'Marcar outro horário',
    ],
    [
      'de',
      'Hallo Vera,',
      'Wann',
      '45 Minuten',
      'Wo',
      'Videoanruf',
      'Verschieben oder absagen',
      'Einen anderen Termin buchen',
    ],
  ])('is written in %s, the visitor’s language', (language, hello, when, minutes, where, video, manage, bookAgain) => {
    const booked = composeMeetingMails(aMailInput({ language })).visitor;
    const canceled = composeMeetingMails(aMailInput({ language, kind: 'canceled' })).visitor;
    const lines = linesOf(booked.text);

    expect(lines[0]).toBe(hello);
    expect(lines[4]).toMatch(new RegExp(`^${when}: .* · ${minutes}$`));
    expect(lines[5]).toBe(`${where}: ${video}: https://meet.test/ana`);
    expect(lines[7]).toBe(`${manage}: ${MANAGE}`);
    expect(linesOf(canceled.text)[6]).toBe(`${bookAgain}: ${MANAGE}`);
    expect(booked.html).toContain(`<html lang="${language}">`);
  });

  it.each([
    ['es', 'Lugar', 'Teléfono', 'Ana te enviará los detalles.'],
    ['pt', 'Local', 'Telefone', 'Ana enviará os detalhes.'],
    ['de', 'Ort', 'Telefon', 'Ana schickt Ihnen die Details.'],
  ])('names a place, a phone number and a missing location in %s', (language, place, phone, none) => {
    const lineFor = (location: MeetingMailInput['location']) =>
      composeMeetingMails(aMailInput({ language, location })).visitor.calendarDescription.split('\n')[1];

    expect(lineFor({ kind: 'place', value: 'Sala 2' })).toBe(`${place}: Sala 2`);
    expect(lineFor({ kind: 'phone', value: '+34 600' })).toBe(`${phone}: +34 600`);
    expect(lineFor(null)).toBe(none);
  });

  it.each(['es', 'pt', 'de'])(
    'gives each kind of change its own subject and headline in %s, naming the rep and the company',
    (language) => {
      const mails = KINDS.map((kind) => composeMeetingMails(aMailInput({ language, kind })).visitor);
      const english = KINDS.map((kind) => composeMeetingMails(aMailInput({ kind })).visitor);
      const subjects = mails.map((mail) => mail.subject);
      const headlines = mails.map((mail) => linesOf(mail.text)[2]!);

      for (const text of [...subjects, ...headlines]) {
        expect(text).toContain('Ana');
        expect(text).toContain('Acme');
      }
      expect(new Set(subjects).size).toBe(KINDS.length);
      expect(new Set(headlines).size).toBe(KINDS.length);
      expect(subjects.filter((subject, i) => subject === english[i]!.subject)).toEqual([]);
      expect(headlines.filter((headline, i) => headline === linesOf(english[i]!.text)[2])).toEqual([]);
    },
  );

  it.each([
    ['pt-BR', 'Olá, Vera,', 'pt-BR'],
    ['DE', 'Hallo Vera,', 'DE'],
    ['fr', 'Hello Vera,', 'en'],
    ['fr-CA', 'Hello Vera,', 'en'],
  ])('reads the language %s by its primary tag, English when it has no words for it', (language, hello, lang) => {
    const { visitor } = composeMeetingMails(aMailInput({ language }));

    expect(linesOf(visitor.text)[0]).toBe(hello);
    expect(visitor.html).toContain(`<html lang="${lang}">`);
  });

  it('describes the time in the visitor’s language when it has words for it, in English otherwise', () => {
    const german = composeMeetingMails(aMailInput({ language: 'de' })).visitor;
    const french = composeMeetingMails(aMailInput({ language: 'fr' })).visitor;

    expect(linesOf(german.text)[4]).toContain('Mittwoch, 2. Dezember 2026');
    expect(linesOf(french.text)[4]).toContain('Wednesday, December 2, 2026');
  });

  it('is a whole page: a header in the site’s colour, greeting, headline, rows, and the manage button', () => {
    const { visitor } = composeMeetingMails(aMailInput({ accent: '#0aF9b1' }));

    expect(unbalancedTags(visitor.html)).toEqual([]);
    expect(visitor.html.startsWith('<!doctype html><html lang="en"><head><meta charset="utf-8">')).toBe(true);
    expect(visitor.html.endsWith('</body></html>')).toBe(true);
    expect(visitor.html).toContain('font-size:18px;font-weight:600">Acme</td>');
    expect(visitor.html).toContain('<td style="background:#0aF9b1;color:#fff;');
    expect(visitor.html).toContain('<p style="margin:0 0 12px">Hello Vera,</p>');
    expect(visitor.html).toContain(
      '<h1 style="font-size:19px;margin:0 0 16px">Your meeting with Ana of Acme is booked.</h1>',
    );
    expect(visitor.html).toContain('<th scope="row" style="padding:6px 12px 6px 0;vertical-align:top;text-align:left;');
    expect(visitor.html).toContain(
      `<a href="${MANAGE.replace('&', '&amp;')}" style="background:#0aF9b1;color:#fff;padding:10px 18px;`,
    );
    expect(htmlText(visitor.html)).toBe(
      'Acme Hello Vera, Your meeting with Ana of Acme is booked. ' +
        'When Wednesday, December 2, 2026, 12:30 AM–1:15 AM Central European Standard Time (Europe/Berlin) · 45 minutes ' +
        'Where Video call: https://meet.test/ana Reschedule or cancel',
    );
  });

  it.each([
    ['#0aF9b1', '#0aF9b1'],
    ['#ABCDEF', '#ABCDEF'],
    [undefined, '#2f5bea'],
    ['', '#2f5bea'],
    ['red', '#2f5bea'],
    ['#0aF9b', '#2f5bea'],
    ['#0aF9b12', '#2f5bea'],
    [' #0aF9b1', '#2f5bea'],
    ['#0aF9b1;', '#2f5bea'],
    ['#0aG9b1', '#2f5bea'],
    ['#0aF9b1"><script>', '#2f5bea'],
  ])('takes the accent %j only as six hex digits (%s)', (accent, used) => {
    const { visitor, rep } = composeMeetingMails(aMailInput({ accent }));

    for (const html of [visitor.html, rep.html]) {
      expect(html).toContain(`<td style="background:${used};color:#fff;`);
      expect(html).not.toContain('<script>');
    }
    expect(visitor.html).toContain(`style="background:${used};color:#fff;padding:10px 18px;`);
  });

  it('escapes every character that could break out of the page', () => {
    const { visitor, rep } = composeMeetingMails(
      aMailInput({
        company: `O'Neil & <Sons> "Ltd"`,
        meeting: aMeeting({ visitor: { name: '<b>Vera</b>', email: 'v@x.test', timeZone: 'UTC' } }),
      }),
    );

    expect(visitor.html).toContain('O&#39;Neil &amp; &lt;Sons&gt; &quot;Ltd&quot;');
    expect(visitor.html).toContain('Hello &lt;b&gt;Vera&lt;/b&gt;,');
    expect(visitor.html).not.toContain('<b>');
    expect(rep.html).not.toContain('<b>');
    expect(unbalancedTags(visitor.html)).toEqual([]);
    expect(visitor.text).toContain(`O'Neil & <Sons> "Ltd"`);
  });

  it('counts the minutes from start to end, rounded', () => {
    const minutesIn = (start: string, end: string) =>
      linesOf(composeMeetingMails(aMailInput({ meeting: aMeeting({ start, end }) })).visitor.text)[4]!.split(' · ')[1];

    expect(minutesIn('2026-12-01T10:00:00.000Z', '2026-12-01T10:30:00.000Z')).toBe('30 minutes');
    expect(minutesIn('2026-12-01T10:00:00.000Z', '2026-12-01T11:29:40.000Z')).toBe('90 minutes');
  });
});

describe('the rep mail', () => {
  it('tells the rep, in English and in their zone, who the lead is and why they got it, with no manage link', () => {
    const { rep } = composeMeetingMails(aMailInput({ language: 'de' }));

    expect(rep.subject).toBe('New meeting: Vera, Globex');
    expect(linesOf(rep.text)).toEqual([
      'New meeting with Vera (Globex).',
      '',
      'When: Tuesday, December 1, 2026, 3:30 PM–4:15 PM Pacific Standard Time (America/Los_Angeles) · 45 minutes',
      'Where: Video call: https://meet.test/ana',
      'Lead: Vera <vera@globex.test>',
      'Company: Globex',
      'Role: Head of Sales',
      'Score: 72 (mql)',
      'Why you: owns the Globex account',
      '',
      'What they told the chat:',
      '- need: routing',
      '- team: 12 reps',
      '',
      'Acme',
    ]);
    expect(rep.calendarDescription.split('\n')).toEqual([
      'New meeting with Vera (Globex).',
      'Lead: Vera <vera@globex.test>',
      'Company: Globex',
      'Why you: owns the Globex account',
      'need: routing',
      'team: 12 reps',
    ]);
    for (const part of [rep.text, rep.html, rep.calendarDescription]) expect(part).not.toContain('baton.test/m/');
  });

  it.each([
    ['booked', 'New meeting: Vera, Globex', 'New meeting with Vera (Globex).'],
    ['updated', 'Moved: meeting with Vera', 'Your meeting with Vera moved to a new time.'],
    ['canceled', 'Canceled: meeting with Vera', 'Vera canceled the meeting.'],
    ['reminder-24h', 'Tomorrow: meeting with Vera', 'Tomorrow you meet Vera.'],
    ['reminder-1h', 'In one hour: meeting with Vera', 'In one hour you meet Vera.'],
  ] as const)('a %s mail has its own subject and headline', (kind, subject, headline) => {
    const { rep } = composeMeetingMails(aMailInput({ kind }));

    expect(rep.subject).toBe(subject);
    expect(linesOf(rep.text)[0]).toBe(headline);
    expect(rep.calendarDescription.split('\n')[0]).toBe(headline);
    expect(rep.html).toContain(`<h1 style="font-size:19px;margin:0 0 16px">${headline}</h1>`);
  });

  it('names no company when the lead has none, and says only who the lead is when nothing is known', () => {
    const noCompany = composeMeetingMails(aMailInput({ lead: aLeadContext({ company: null }) })).rep;
    const noLead = composeMeetingMails(aMailInput({ lead: null, location: null })).rep;

    expect(noCompany.subject).toBe('New meeting: Vera');
    expect(linesOf(noCompany.text)[0]).toBe('New meeting with Vera.');
    expect(noCompany.text).not.toContain('Company:');
    expect(noLead.subject).toBe('New meeting: Vera');
    expect(linesOf(noLead.text).slice(2)).toEqual([
      'When: Tuesday, December 1, 2026, 3:30 PM–4:15 PM Pacific Standard Time (America/Los_Angeles) · 45 minutes',
      'Where: You will send you the details.',
      'Lead: Vera <vera@globex.test>',
      '',
      'Acme',
    ]);
    expect(noLead.calendarDescription.split('\n')).toEqual(['New meeting with Vera.', 'Lead: Vera <vera@globex.test>']);
    expect(noLead.html).not.toContain('<p style="margin:8px 0');
  });

  it.each([
    [{ score: 0, stage: null }, 'Score: 0'],
    [{ score: 0, stage: 'lead' }, 'Score: 0 (lead)'],
    [{ score: 100, stage: 'sql' }, 'Score: 100 (sql)'],
  ])('shows a score of %j, zero included', (lead, line) => {
    const { rep } = composeMeetingMails(aMailInput({ lead: aLeadContext(lead) }));

    expect(linesOf(rep.text)).toContain(line);
  });

  it.each<[Partial<LeadContext>]>([
    [{ score: null, stage: 'mql' }],
    [{ company: null, jobTitle: null, score: null, stage: null, routedBecause: null, answers: [] }],
  ])('leaves out each detail it does not know (%j)', (unknown) => {
    const { rep } = composeMeetingMails(aMailInput({ lead: aLeadContext(unknown) }));
    const labels = linesOf(rep.text).map((line) => line.split(':')[0]);

    expect(labels).not.toContain('Score');
    if (unknown.company === null) {
      expect(labels).not.toContain('Company');
      expect(labels).not.toContain('Role');
      expect(labels).not.toContain('Why you');
      expect(rep.text).not.toContain('What they told the chat');
      expect(rep.calendarDescription.split('\n')).toEqual(['New meeting with Vera.', 'Lead: Vera <vera@globex.test>']);
    }
  });

  it('gives the reason of a cancellation, and leaves out the place', () => {
    const withReason = composeMeetingMails(
      aMailInput({
        kind: 'canceled',
        meeting: aMeeting({
          visitor: { name: 'Vera', email: 'vera@globex.test', timeZone: 'UTC' },
          canceledReason: 'found another date',
        }),
      }),
    ).rep;
    const withoutReason = composeMeetingMails(aMailInput({ kind: 'canceled' })).rep;
    const bookedWithReason = composeMeetingMails(
      aMailInput({ meeting: aMeeting({ canceledReason: 'stale reason' }) }),
    ).rep;

    expect(linesOf(withReason.text)).toContain('Reason: found another date');
    expect(withReason.text).not.toContain('Where:');
    expect(withoutReason.text).not.toContain('Reason:');
    expect(bookedWithReason.text).not.toContain('Reason:');
  });

  it('is a whole page without greeting or button, the answers as notes', () => {
    const { rep } = composeMeetingMails(aMailInput({ accent: '#123456' }));

    expect(unbalancedTags(rep.html)).toEqual([]);
    expect(rep.html).toContain('<html lang="en">');
    expect(rep.html).not.toContain('<p style="margin:0 0 12px">');
    expect(rep.html).not.toContain('padding:10px 18px');
    expect(rep.html).toContain('<p style="margin:8px 0;color:#333">What they told the chat:</p>');
    expect(rep.html).toContain('<p style="margin:8px 0;color:#333">need: routing</p>');
    expect(rep.html).toContain('<a href="https://meet.test/ana" style="color:#123456">');
    expect(htmlText(rep.html)).toBe(
      'Acme New meeting with Vera (Globex). ' +
        'When Tuesday, December 1, 2026, 3:30 PM–4:15 PM Pacific Standard Time (America/Los_Angeles) · 45 minutes ' +
        'Where Video call: https://meet.test/ana Lead Vera &lt;vera@globex.test&gt; Company Globex Role Head of Sales ' +
        'Score 72 (mql) Why you owns the Globex account What they told the chat: need: routing team: 12 reps',
    );
  });
});
