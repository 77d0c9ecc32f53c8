import { signal } from '@preact/signals';

/**
 * Routes live in the hash (#/rulebook), so the console is plain static files: S3 and CloudFront
 * serve /admin/index.html for every page without rewrite rules.
 */
const current = () => (location.hash.replace(/^#/, '') || '/').split('?')[0]!;

export const route = signal(current());
/** The hash's query, as a signal so pages re-render when only it changes. */
export const routeQuery = signal(location.hash.split('?')[1] ?? '');
addEventListener('hashchange', () => {
  route.value = current();
  routeQuery.value = location.hash.split('?')[1] ?? '';
});

export function navigate(path: string): void {
  location.hash = path;
}

/** Query parameters after the route in the hash (#/leads?rep=rep-ana). */
export function hashQuery(): URLSearchParams {
  return new URLSearchParams(routeQuery.value);
}
