import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import ical from 'node-ical';

/** Every .eml in the folder, parsed by a real MIME parser, oldest first. */
export async function readMailFolder(folder: string): Promise<ParsedMail[]> {
  const files = (await readdir(folder).catch(() => [] as string[])).filter((file) => file.endsWith('.eml')).sort();
  return Promise.all(files.map(async (file) => simpleParser(await readFile(join(folder, file)))));
}

/** The calendar part of a mail, parsed by node-ical (an iCalendar parser independent of the one that wrote it). */
export function calendarOf(mail: ParsedMail): { method: string; event: ical.VEvent } {
  const part = mail.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'));
  const text = part ? part.content.toString('utf8') : ((mail as unknown as { textAsHtml?: string }).textAsHtml ?? '');
  const parsed = ical.sync.parseICS(text);
  const event = Object.values(parsed).find(
    (component) => component && (component as { type?: string }).type === 'VEVENT',
  ) as ical.VEvent;
  const method = /^METHOD:(\w+)/m.exec(text)?.[1] ?? '';
  return { method, event };
}
