import { computed, signal } from '@preact/signals';

export type Role = 'marketing' | 'sales' | 'rep' | 'admin';

export interface SignedInUser {
  userId: string;
  name: string | null;
  roles: Role[];
  /** Site keys this person acts on; ['*'] for an admin of every site. */
  sites: string[];
  repId: string | null;
}

export interface Session {
  token: string;
  expiresAt: string;
  user: SignedInUser;
}

const STORAGE_KEY = 'baton.console.session';

function restore(): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    return stored && Date.parse(stored.expiresAt) > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

/** Kept for the tab only (sessionStorage): closing the tab signs out. */
export const session = signal<Session | null>(restore());
export const signOutReason = signal<string | null>(null);

export const siteKey = signal<string>(
  sessionStorage.getItem('baton.console.site') ?? session.value?.user.sites.find((site) => site !== '*') ?? 'demo',
);

export function signIn(next: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  signOutReason.value = null;
  session.value = next;
  const firstSite = next.user.sites.find((site) => site !== '*');
  if (firstSite && !next.user.sites.includes(siteKey.value)) chooseSite(firstSite);
}

export function signOut(reason: string | null = null): void {
  sessionStorage.removeItem(STORAGE_KEY);
  signOutReason.value = reason;
  session.value = null;
}

export function chooseSite(next: string): void {
  sessionStorage.setItem('baton.console.site', next);
  siteKey.value = next;
}

export const roles = computed(() => new Set(session.value?.user.roles ?? []));
export const hasRole = (...wanted: Role[]) => wanted.some((role) => roles.value.has(role)) || roles.value.has('admin');
/** A rep and nothing more on this site: sees only their own leads and conversations. */
export const isOnlyRep = computed(() => hasRole('rep') && !hasRole('marketing', 'sales'));
