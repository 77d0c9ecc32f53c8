import { z } from 'zod';

/**
 * A URL Baton stores, links to or fetches: http or https only, so no `javascript:`, `data:` or
 * `file:` address reaches a page, a mail or the outbound client.
 */
export const webUrl = (maxLength = 2000) => z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).max(maxLength);
