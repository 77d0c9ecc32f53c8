export interface MailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The same content as HTML: text and HTML travel as multipart/alternative. */
  html?: string;
  /** An iCalendar invitation or cancellation, sent as the calendar part mail clients act on. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}
