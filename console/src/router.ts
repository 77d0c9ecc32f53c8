import { signal } from '@preact/signals';

/**
 * Routes live in the hash (#/rulebook), so the console is plain static files: S3 and CloudFront
 * serve /admin/index.html for every page without rewrite rules.
 */
const current = () => (location.hash.replace(/^#/, '') || '/').split('?')[0]!;

export const route = signal(current());
addEventListener('hashchange', () => {
  route.value = current();
});

export function navigate(path: string): void {
  location.hash = path;
}

/** Query parameters after the route in the hash (#/leads?rep=rep-ana). */
export function hashQuery(): URLSearchParams {
  const query = location.hash.split('?')[1];
  return new URLSearchParams(query ?? '');
}
