import { DateTime } from 'luxon';
import type { Meeting } from './meeting.js';
import type { ResolvedLocation } from './meeting-location.js';

export type MeetingMailKind = 'booked' | 'updated' | 'canceled' | 'reminder-24h' | 'reminder-1h';

/** What the rep is told about the lead; never the visitor's manage link. */
export interface LeadContext {
  company: string | null;
  jobTitle: string | null;
  score: number | null;
  stage: string | null;
  /** The chat's answers, in the order given. */
  answers: Array<{ key: string; value: string }>;
  /** Why routing chose this rep, in words. */
  routedBecause: string | null;
}

export interface MeetingMailInput {
  kind: MeetingMailKind;
  meeting: Meeting;
  /** The site's name: the company the visitor is meeting. */
  company: string;
  /** The visitor's language (BCP 47); the rep's mail is in English. */
  language: string;
  repTimeZone: string;
  /** The visitor's manage link; it goes only into the visitor's mail. */
  manageUrl: string;
  location: ResolvedLocation | null;
  lead: LeadContext | null;
  /** The site's brand colour for the mail's header and button. */
  accent?: string | undefined;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  /** The invitation's DESCRIPTION: what this recipient's calendar shows. */
  calendarDescription: string;
}

type Words = {
  hello: (name: string) => string;
  headline: Record<MeetingMailKind, (rep: string, company: string) => string>;
  subject: Record<MeetingMailKind, (rep: string, company: string) => string>;
  when: string;
  where: string;
  minutes: (n: number) => string;
  video: string;
  place: string;
  phone: string;
  noLocation: (rep: string) => string;
  manage: string;
  bookAgain: string;
};

const en: Words = {
  hello: (name) => `Hello ${name},`,
  headline: {
    booked: (rep, company) => `Your meeting with ${rep} of ${company} is booked.`,
    updated: (rep, company) => `Your meeting with ${rep} of ${company} has a new time.`,
    canceled: (rep, company) => `Your meeting with ${rep} of ${company} is canceled.`,
    'reminder-24h': (rep, company) => `A reminder: you meet ${rep} of ${company} tomorrow.`,
    'reminder-1h': (rep, company) => `A reminder: you meet ${rep} of ${company} in one hour.`,
  },
  subject: {
    booked: (rep, company) => `Your meeting with ${rep}, ${company}`,
    updated: (rep, company) => `Updated: your meeting with ${rep}, ${company}`,
    canceled: (rep, company) => `Canceled: your meeting with ${rep}, ${company}`,
    'reminder-24h': (rep, company) => `Tomorrow: your meeting with ${rep}, ${company}`,
    'reminder-1h': (rep, company) => `In one hour: your meeting with ${rep}, ${company}`,
  },
  when: 'When',
  where: 'Where',
  minutes: (n) => `${n} minutes`,
  video: 'Video call',
  place: 'Place',
  phone: 'Phone',
  noLocation: (rep) => `${rep} will send you the details.`,
  manage: 'Reschedule or cancel',
  bookAgain: 'Book another time',
};

const es: Words = {
  hello: (name) => `Hola, ${name}:`,
  headline: {
    booked: (rep, company) => `Tu reunión con ${rep}, de ${company}, está reservada.`,
    updated: (rep, company) => `Tu reunión con ${rep}, de ${company}, tiene un nuevo horario.`,
    canceled: (rep, company) => `Tu reunión con ${rep}, de ${company}, está cancelada.`,
    'reminder-24h': (rep, company) => `Recordatorio: mañana te reúnes con ${rep}, de ${company}.`,
    'reminder-1h': (rep, company) => `Recordatorio: en una hora te reúnes con ${rep}, de ${company}.`,
  },
  subject: {
    booked: (rep, company) => `Tu reunión con ${rep}, ${company}`,
    updated: (rep, company) => `Cambio: tu reunión con ${rep}, ${company}`,
    canceled: (rep, company) => `Cancelada: tu reunión con ${rep}, ${company}`,
    'reminder-24h': (rep, company) => `Mañana: tu reunión con ${rep}, ${company}`,
    'reminder-1h': (rep, company) => `En una hora: tu reunión con ${rep}, ${company}`,
  },
  when: 'Cuándo',
  where: 'Dónde',
  minutes: (n) => `${n} minutos`,
  video: 'Videollamada',
  place: 'Lugar',
  phone: 'Teléfono',
  noLocation: (rep) => `${rep} te enviará los detalles.`,
  manage: 'Cambiar o cancelar',
  bookAgain: 'Reservar otro horario',
};

const pt: Words = {
  hello: (name) => `Olá, ${name},`,
  headline: {
    booked: (rep, company) => `Sua reunião com ${rep}, da ${company}, está marcada.`,
    updated: (rep, company) => `Sua reunião com ${rep}, da ${company}, tem um novo horário.`,
    canceled: (rep, company) => `Sua reunião com ${rep}, da ${company}, foi cancelada.`,
    'reminder-24h': (rep, company) => `Lembrete: amanhã você se reúne com ${rep}, da ${company}.`,
    'reminder-1h': (rep, company) => `Lembrete: em uma hora você se reúne com ${rep}, da ${company}.`,
  },
  subject: {
    booked: (rep, company) => `Sua reunião com ${rep}, ${company}`,
    updated: (rep, company) => `Alterada: sua reunião com ${rep}, ${company}`,
    canceled: (rep, company) => `Cancelada: sua reunião com ${rep}, ${company}`,
    'reminder-24h': (rep, company) => `Amanhã: sua reunião com ${rep}, ${company}`,
    'reminder-1h': (rep, company) => `Em uma hora: sua reunião com ${rep}, ${company}`,
  },
  when: 'Quando',
  where: 'Onde',
  minutes: (n) => `${n} minutos`,
  video: 'Videochamada',
  place: 'Local',
  phone: 'Telefone',
  noLocation: (rep) => `${rep} enviará os detalhes.`,
  manage: 'Remarcar ou cancelar',
  bookAgain: 'Marcar outro horário',
};

const de: Words = {
  hello: (name) => `Hallo ${name},`,
  headline: {
    booked: (rep, company) => `Ihr Termin mit ${rep} von ${company} ist gebucht.`,
    updated: (rep, company) => `Ihr Termin mit ${rep} von ${company} hat eine neue Zeit.`,
    canceled: (rep, company) => `Ihr Termin mit ${rep} von ${company} ist abgesagt.`,
    'reminder-24h': (rep, company) => `Zur Erinnerung: Sie treffen ${rep} von ${company} morgen.`,
    'reminder-1h': (rep, company) => `Zur Erinnerung: Sie treffen ${rep} von ${company} in einer Stunde.`,
  },
  subject: {
    booked: (rep, company) => `Ihr Termin mit ${rep}, ${company}`,
    updated: (rep, company) => `Geändert: Ihr Termin mit ${rep}, ${company}`,
    canceled: (rep, company) => `Abgesagt: Ihr Termin mit ${rep}, ${company}`,
    'reminder-24h': (rep, company) => `Morgen: Ihr Termin mit ${rep}, ${company}`,
    'reminder-1h': (rep, company) => `In einer Stunde: Ihr Termin mit ${rep}, ${company}`,
  },
  when: 'Wann',
  where: 'Wo',
  minutes: (n) => `${n} Minuten`,
  video: 'Videoanruf',
  place: 'Ort',
  phone: 'Telefon',
  noLocation: (rep) => `${rep} schickt Ihnen die Details.`,
  manage: 'Verschieben oder absagen',
  bookAgain: 'Einen anderen Termin buchen',
};

const WORDS: Record<string, Words> = { en, es, pt, de };
const wordsFor = (language: string) => WORDS[language.toLowerCase().split('-')[0] ?? 'en'] ?? en;
const localeFor = (language: string) => (WORDS[language.toLowerCase().split('-')[0] ?? 'en'] ? language : 'en');

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SAFE_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** "Tuesday, 1 December 2026, 15:00–15:30 Western European Standard Time (Europe/Lisbon)" in the recipient's zone and language. */
export function describeTime(meeting: Pick<Meeting, 'start' | 'end'>, timeZone: string, locale: string): string {
  const start = DateTime.fromISO(meeting.start, { zone: timeZone }).setLocale(locale);
  const end = DateTime.fromISO(meeting.end, { zone: timeZone }).setLocale(locale);
  const date = start.toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const hours = `${start.toLocaleString(DateTime.TIME_SIMPLE)}–${end.toLocaleString(DateTime.TIME_SIMPLE)}`;
  return `${date}, ${hours} ${start.offsetNameLong ?? start.toFormat('ZZZZ')} (${timeZone})`;
}

const minutesOf = (meeting: Pick<Meeting, 'start' | 'end'>) =>
  Math.round((Date.parse(meeting.end) - Date.parse(meeting.start)) / 60_000);

function locationLine(location: ResolvedLocation | null, words: Words, rep: string): string {
  if (!location) return words.noLocation(rep);
  const label = location.kind === 'video' ? words.video : location.kind === 'place' ? words.place : words.phone;
  return `${label}: ${location.value}`;
}

interface Row {
  label: string;
  value: string;
  href?: string | undefined;
}

function htmlPage(options: {
  accent: string;
  company: string;
  greeting: string | null;
  headline: string;
  rows: Row[];
  notes?: string[];
  button: { label: string; href: string } | null;
  language: string;
}): string {
  const cell = 'padding:6px 12px 6px 0;vertical-align:top;';
  const rows = options.rows
    .map(
      (row) =>
        `<tr><th scope="row" style="${cell}text-align:left;color:#555;font-weight:600">${escapeHtml(row.label)}</th>` +
        `<td style="${cell}">${row.href ? `<a href="${escapeHtml(row.href)}" style="color:${options.accent}">${escapeHtml(row.value)}</a>` : escapeHtml(row.value)}</td></tr>`,
    )
    .join('');
  const notes = (options.notes ?? [])
    .map((note) => `<p style="margin:8px 0;color:#333">${escapeHtml(note)}</p>`)
    .join('');
  const button = options.button
    ? `<p style="margin:24px 0"><a href="${escapeHtml(options.button.href)}" style="background:${options.accent};color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(options.button.label)}</a></p>`
    : '';
  return [
    `<!doctype html><html lang="${escapeHtml(options.language)}"><head><meta charset="utf-8"><title>${escapeHtml(options.headline)}</title></head>`,
    '<body style="margin:0;background:#f4f5f7;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;color:#1d1d1f">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">',
    '<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#fff;border-radius:8px;overflow:hidden">',
    `<tr><td style="background:${options.accent};color:#fff;padding:16px 24px;font-size:18px;font-weight:600">${escapeHtml(options.company)}</td></tr>`,
    '<tr><td style="padding:24px">',
    options.greeting ? `<p style="margin:0 0 12px">${escapeHtml(options.greeting)}</p>` : '',
    `<h1 style="font-size:19px;margin:0 0 16px">${escapeHtml(options.headline)}</h1>`,
    `<table role="presentation" cellpadding="0" cellspacing="0">${rows}</table>`,
    notes,
    button,
    '</td></tr></table></td></tr></table></body></html>',
  ].join('');
}

const locationRow = (location: ResolvedLocation | null, words: Words, rep: string): Row =>
  location?.kind === 'video'
    ? { label: words.where, value: `${words.video}: ${location.value}`, href: location.value }
    : { label: words.where, value: locationLine(location, words, rep) };

/**
 * The mails one meeting change sends: the visitor's in their language and zone, with their manage link
 * in every one; the rep's in the rep's zone with the lead's context and no link that could act for the visitor.
 */
export function composeMeetingMails(input: MeetingMailInput): { visitor: ComposedMail; rep: ComposedMail } {
  const { meeting, company, kind } = input;
  const accent = input.accent && SAFE_COLOUR.test(input.accent) ? input.accent : '#2f5bea';
  const words = wordsFor(input.language);
  const locale = localeFor(input.language);
  const rep = meeting.repName;
  const minutes = minutesOf(meeting);

  const visitorWhen = `${describeTime(meeting, meeting.visitor.timeZone, locale)} · ${words.minutes(minutes)}`;
  const link = kind === 'canceled' ? words.bookAgain : words.manage;
  const visitorRows: Row[] = [
    { label: words.when, value: visitorWhen },
    ...(kind === 'canceled' ? [] : [locationRow(input.location, words, rep)]),
  ];
  const visitorLines = [
    words.hello(meeting.visitor.name),
    '',
    words.headline[kind](rep, company),
    '',
    ...visitorRows.map((row) => `${row.label}: ${row.value}`),
    '',
    `${link}: ${input.manageUrl}`,
    '',
    company,
  ];
  const visitor: ComposedMail = {
    subject: words.subject[kind](rep, company),
    text: visitorLines.join('\n'),
    html: htmlPage({
      accent,
      company,
      greeting: words.hello(meeting.visitor.name),
      headline: words.headline[kind](rep, company),
      rows: visitorRows,
      button: { label: link, href: input.manageUrl },
      language: locale,
    }),
    calendarDescription: [
      words.headline[kind](rep, company),
      ...(kind === 'canceled' ? [] : [locationLine(input.location, words, rep)]),
      `${link}: ${input.manageUrl}`,
    ].join('\n'),
  };

  const lead = input.lead;
  const repHeadline: Record<MeetingMailKind, string> = {
    booked: `New meeting with ${meeting.visitor.name}${lead?.company ? ` (${lead.company})` : ''}.`,
    updated: `Your meeting with ${meeting.visitor.name} moved to a new time.`,
    canceled: `${meeting.visitor.name} canceled the meeting.`,
    'reminder-24h': `Tomorrow you meet ${meeting.visitor.name}.`,
    'reminder-1h': `In one hour you meet ${meeting.visitor.name}.`,
  };
  const repSubject: Record<MeetingMailKind, string> = {
    booked: `New meeting: ${meeting.visitor.name}${lead?.company ? `, ${lead.company}` : ''}`,
    updated: `Moved: meeting with ${meeting.visitor.name}`,
    canceled: `Canceled: meeting with ${meeting.visitor.name}`,
    'reminder-24h': `Tomorrow: meeting with ${meeting.visitor.name}`,
    'reminder-1h': `In one hour: meeting with ${meeting.visitor.name}`,
  };
  const repRows: Row[] = [
    { label: 'When', value: `${describeTime(meeting, input.repTimeZone, 'en')} · ${minutes} minutes` },
    ...(kind === 'canceled' ? [] : [locationRow(input.location, en, 'You')]),
    { label: 'Lead', value: `${meeting.visitor.name} <${meeting.visitor.email}>` },
    ...(lead?.company ? [{ label: 'Company', value: lead.company }] : []),
    ...(lead?.jobTitle ? [{ label: 'Role', value: lead.jobTitle }] : []),
    ...(lead?.score !== null && lead?.score !== undefined
      ? [{ label: 'Score', value: `${lead.score}${lead.stage ? ` (${lead.stage})` : ''}` }]
      : []),
    ...(lead?.routedBecause ? [{ label: 'Why you', value: lead.routedBecause }] : []),
    ...(kind === 'canceled' && meeting.canceledReason ? [{ label: 'Reason', value: meeting.canceledReason }] : []),
  ];
  const answers = (lead?.answers ?? []).map((answer) => `${answer.key}: ${answer.value}`);
  const repMail: ComposedMail = {
    subject: repSubject[kind],
    text: [
      repHeadline[kind],
      '',
      ...repRows.map((row) => `${row.label}: ${row.value}`),
      ...(answers.length ? ['', 'What they told the chat:', ...answers.map((line) => `- ${line}`)] : []),
      '',
      company,
    ].join('\n'),
    html: htmlPage({
      accent,
      company,
      greeting: null,
      headline: repHeadline[kind],
      rows: repRows,
      notes: answers.length ? ['What they told the chat:', ...answers] : [],
      button: null,
      language: 'en',
    }),
    calendarDescription: [
      repHeadline[kind],
      `Lead: ${meeting.visitor.name} <${meeting.visitor.email}>`,
      ...(lead?.company ? [`Company: ${lead.company}`] : []),
      ...(lead?.routedBecause ? [`Why you: ${lead.routedBecause}`] : []),
      ...answers,
    ].join('\n'),
  };
  return { visitor, rep: repMail };
}
