import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Transporter } from 'nodemailer';
import type { MailMessage, Mailer } from '../../ports/mailer.js';

// Loaded on the first mail, not with the function: most requests send none (cold-start time).
const streamTransport = async (options: { newline?: 'windows' }): Promise<Transporter> => {
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport({ streamTransport: true, buffer: true, ...options });
};

const toNodemailer = (message: MailMessage) => ({
  from: message.from,
  to: message.to,
  subject: message.subject,
  text: message.text,
  ...(message.html ? { html: message.html } : {}),
  ...(message.calendar
    ? { icalEvent: { method: message.calendar.method, filename: 'invite.ics', content: message.calendar.content } }
    : {}),
});

/** Locally: each message is written as an .eml file into a folder, exactly as it would be sent. */
export class EmlFolderMailer implements Mailer {
  private transport: Promise<Transporter> | undefined;

  constructor(private readonly folder: string) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    this.transport ??= streamTransport({ newline: 'windows' });
    const transport = await this.transport;
    const info = (await transport.sendMail(toNodemailer(message))) as { messageId: string; message: Buffer };
    await mkdir(this.folder, { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^a-zA-Z0-9.-]/g, '')}.eml`;
    await writeFile(join(this.folder, name), info.message);
    return { messageId: info.messageId };
  }
}

/** In AWS: the same MIME message, sent raw through SES. */
export class SesMailer implements Mailer {
  private transport: Promise<Transporter> | undefined;

  constructor(private readonly ses: SESv2Client = new SESv2Client({})) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    this.transport ??= streamTransport({});
    const transport = await this.transport;
    const info = (await transport.sendMail(toNodemailer(message))) as { messageId: string; message: Buffer };
    await this.ses.send(new SendEmailCommand({ Content: { Raw: { Data: info.message } } }));
    return { messageId: info.messageId };
  }
}
