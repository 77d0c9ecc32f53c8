/**
 * The policy of an HTML page that sets none of its own (the API reference, error pages): only its
 * own scripts, never framed; its styles are inline.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * nosniff and a referrer policy on every answer, and a content security policy on every HTML page;
 * a page that states a stricter policy of its own (demo site, console, manage page) keeps it.
 */
export function setSecurityHeaders(headers: Headers): void {
  headers.set('X-Content-Type-Options', 'nosniff');
  if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  if (/^text\/html\b/i.test(headers.get('content-type') ?? '')) {
    if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Frame-Options', 'DENY');
  }
}
