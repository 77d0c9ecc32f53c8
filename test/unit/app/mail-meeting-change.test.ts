import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressObject, ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { IcsInvitationRenderer } from '../../../functions/adapters/calendar/invitation.ics.js';
import { EmlFolderMailer } from '../../../functions/adapters/mail/mailer.nodemailer.js';
import { mailMeetingChange, senderNamed } from '../../../functions/app/scheduling/mail-invitation.js';
import type { Meeting } from '../../../functions/core/scheduling/meeting.js';
import { aMailedMeeting } from '../../fixtures/builders.js';
import { calendarOf, readMailFolder } from '../../support/mail.js';

const TOKEN = 'visitor-secret-token-0123456789';
const MANAGE = `https://baton.example/manage/01JD3Q8Y8M4S0W6Q9V2ZC3H7M1?token=${TOKEN}`;

const lead = {
  company: 'Umbrella Lda',
  jobTitle: 'VP of Sales',
  score: 85,
  stage: 'mql',
  answers: [
    { key: 'Need', value: 'Route <b>demo</b> requests' },
    { key: 'Company size', value: '1001+' },
  ],
  routedBecause: 'rule "Named accounts go to their owner"; you own the account',
};

async function send(meeting: Meeting, kind: Parameters<typeof mailMeetingChange>[2]) {
  const folder = await mkdtemp(join(tmpdir(), 'baton-mail-test-'));
  const deps = {
    mailer: new EmlFolderMailer(folder),
    mailFrom: 'Baton <baton@acme-analytics.example>',
    invitations: new IcsInvitationRenderer(),
  };
  await mailMeetingChange(deps, meeting, kind, {
    company: 'Acme Analytics',
    repTimeZone: 'Europe/Madrid',
    manageUrl: MANAGE,
    lead: kind === 'booked' ? lead : null,
  });
  const mails = await readMailFolder(folder);
  const to = (address: string) =>
    mails.find((mail) =>
      ([] as AddressObject[]).concat(mail.to ?? []).some((field) => field.value.some((a) => a.address === address)),
    )!;
  return { mails, visitor: to(meeting.visitor.email), rep: to(meeting.repEmail) };
}

const sender = (mail: ParsedMail) => mail.from?.value[0];

describe('the mails of a booking, parsed back', () => {
  it('sends the visitor and the rep one mail each, multipart text and HTML with a calendar part, from the company', async () => {
    const { mails, visitor, rep } = await send(aMailedMeeting(), 'booked');

    expect(mails).toHaveLength(2);
    for (const mail of [visitor, rep]) {
      expect(sender(mail)).toEqual({ name: 'Acme Analytics', address: 'baton@acme-analytics.example' });
      expect(mail.text).toContain('Acme Analytics');
      expect(mail.html).toContain('Acme Analytics');
      expect(mail.attachments.some((part) => part.contentType.startsWith('text/calendar'))).toBe(true);
    }
  });

  it('writes to the visitor in their language and zone, with the place of the meeting and their manage link', async () => {
    const { visitor } = await send(aMailedMeeting(), 'booked');
    const invitation = calendarOf(visitor);

    expect(visitor.subject).toBe('Tu reunión con Carla Méndez, Acme Analytics');
    expect(visitor.text).toContain('Tu reunión con Carla Méndez, de Acme Analytics, está reservada.');
    expect(visitor.text).toMatch(/jueves, 3 de diciembre de 2026, 7:00.7:30 .*\(America\/Los_Angeles\) · 30 minutos/);
    expect(visitor.text).toContain('Videollamada: https://meet.google.com/abc-defg-hij');
    expect(visitor.text).toContain(`Cambiar o cancelar: ${MANAGE}`);
    expect(visitor.html).toContain('<a href="https://meet.google.com/abc-defg-hij"');
    expect(visitor.html).toContain(`href="${MANAGE}"`);
    expect(visitor.html).toContain('lang="es"');
    expect(invitation.method).toBe('REQUEST');
    expect(invitation.event.location).toBe('https://meet.google.com/abc-defg-hij');
    expect(String(invitation.event.description)).toContain(MANAGE);
    expect(invitation.event.start.toISOString()).toBe('2026-12-03T15:00:00.000Z');
  });

  it("gives the rep the lead's context in the rep's zone, escaped in HTML, and nothing that acts for the visitor", async () => {
    const { rep } = await send(aMailedMeeting(), 'booked');
    const invitation = calendarOf(rep);

    expect(rep.subject).toBe('New meeting: Lucía Gómez, Umbrella Lda');
    expect(rep.text).toMatch(/Thursday, December 3, 2026, 4:00.PM.4:30.PM .*\(Europe\/Madrid\) · 30 minutes/);
    expect(rep.text).toContain('Lead: Lucía Gómez <lucia@umbrella.pt>');
    expect(rep.text).toContain('Role: VP of Sales');
    expect(rep.text).toContain('Score: 85 (mql)');
    expect(rep.text).toContain('Why you: rule "Named accounts go to their owner"; you own the account');
    expect(rep.text).toContain('- Need: Route <b>demo</b> requests');
    expect(rep.html).toContain('Route &lt;b&gt;demo&lt;/b&gt; requests');
    expect(rep.html).not.toContain('<b>demo</b>');
    expect(String(invitation.event.description)).toContain('Lead: Lucía Gómez <lucia@umbrella.pt>');
    expect(invitation.event.uid).toBe('01JD3Q8Y8M4S0W6Q9V2ZC3H7M1@baton');
    for (const part of [rep.text ?? '', rep.html || '', String(invitation.event.description)]) {
      expect(part).not.toContain(TOKEN);
      expect(part).not.toContain('/manage/');
    }
  });

  it('names a place or a phone instead of a link, and says the rep sends the details when nothing is set', async () => {
    const place = await send(
      aMailedMeeting({ language: 'en', location: { kind: 'place', value: 'Rua Augusta 10, Lisboa' } }),
      'booked',
    );
    const none = await send(aMailedMeeting({ language: 'de', location: null }), 'booked');

    expect(place.visitor.text).toContain('Where: Place: Rua Augusta 10, Lisboa');
    expect(calendarOf(place.visitor).event.location).toBe('Rua Augusta 10, Lisboa');
    expect(none.visitor.text).toContain('Wo: Carla Méndez schickt Ihnen die Details.');
    expect(calendarOf(none.visitor).event.location).toBeUndefined();
  });

  it('cancels with METHOD:CANCEL, offers the visitor to book another time and tells the rep the reason', async () => {
    const { visitor, rep } = await send(
      aMailedMeeting({ language: 'pt', status: 'canceled', sequence: 1, canceledReason: 'Conflito de agenda' }),
      'canceled',
    );

    expect(calendarOf(visitor).method).toBe('CANCEL');
    expect(calendarOf(rep).method).toBe('CANCEL');
    expect(visitor.subject).toBe('Cancelada: sua reunião com Carla Méndez, Acme Analytics');
    expect(visitor.text).toContain(`Marcar outro horário: ${MANAGE}`);
    expect(rep.text).toContain('Reason: Conflito de agenda');
  });

  it('speaks English to a language it has no words for', async () => {
    const { visitor } = await send(aMailedMeeting({ language: 'fr-CA' }), 'updated');

    expect(visitor.subject).toBe('Updated: your meeting with Carla Méndez, Acme Analytics');
    expect(visitor.text).toContain(`Reschedule or cancel: ${MANAGE}`);
  });
});

describe('senderNamed', () => {
  it.each([
    ['baton@acme.example', '"Acme" <baton@acme.example>'],
    ['Baton <baton@acme.example>', '"Acme" <baton@acme.example>'],
  ])('shows the company as the sender of %s', (from, expected) => {
    expect(senderNamed('Acme', from)).toBe(expected);
  });

  it('keeps quotes and line breaks in a company name out of the header', () => {
    expect(senderNamed('Evil"\r\nBcc: x@y', 'baton@acme.example')).toBe('"EvilBcc: x@y" <baton@acme.example>');
  });
});
