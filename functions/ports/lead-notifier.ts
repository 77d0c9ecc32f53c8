/** A message about a lead for people: by mail, and to a Slack-compatible incoming webhook. */
export interface LeadNotice {
  siteKey: string;
  visitorId: string;
  emails: string[];
  webhookUrl: string | null;
  subject: string;
  /** Plain text; the webhook gets it as Slack's `text`. */
  text: string;
  /** Where the person acts on it (the console's lead page). */
  link: string;
}

/** Delivers notices; a failed delivery is reported to the caller, never retried here. */
export interface LeadNotifier {
  notify(notice: LeadNotice): Promise<void>;
}
