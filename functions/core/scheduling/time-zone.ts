/** Whether the runtime knows the IANA time zone (Europe/Lisbon, Asia/Kolkata…). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
