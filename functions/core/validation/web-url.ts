import { z } from 'zod';

/**
 * A URL Baton stores, links to or fetches: http or https only, so no `javascript:`, `data:` or
 * `file:` address reaches a page, a mail or the outbound client.
 */
export const webUrl = (maxLength = 2000) => z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(maxLength);

/** A picture shown in the widget: an absolute URL, or a path on the Baton host (resolved by the widget). */
export const pictureUrl = () =>
  z.union([webUrl(500), z.string().regex(/^\/[\w/.-]{1,200}$/, 'an absolute URL or a path starting with /')]);
