import type { FunctionComponent } from 'preact';
import { useEffect } from 'preact/hooks';
import { route } from './router.js';
import { chooseSite, hasRole, type Role, session, siteKey, signOut } from './session.js';
import { SignInPage } from './pages/sign-in.js';
import { RepsPage } from './pages/reps.js';
import { SettingsPage } from './pages/settings.js';
import { PageTitle } from './ui.js';
import { RulebookPage } from './pages/rulebook.js';
import { SignPage } from './pages/sign.js';
import { VersionsPage } from './pages/versions.js';
import { LeadsPage } from './pages/leads.js';
import { DashboardPage } from './pages/dashboard.js';
import { InboxPage } from './pages/inbox.js';

interface Page {
  path: string;
  label: string;
  /** Who may open it; the API refuses the same people, the console only spares them the error. */
  roles: Role[];
  component: FunctionComponent;
}

export const PAGES: Page[] = [
  { path: '/leads', label: 'Leads', roles: ['sales', 'rep', 'marketing'], component: LeadsPage },
  { path: '/inbox', label: 'Live chat', roles: ['rep', 'sales'], component: InboxPage },
  { path: '/dashboard', label: 'Dashboard', roles: ['marketing', 'sales'], component: DashboardPage },
  { path: '/rulebook', label: 'Rulebook', roles: ['marketing', 'sales'], component: RulebookPage },
  { path: '/rulebook/sign', label: 'Review & sign', roles: ['marketing', 'sales'], component: SignPage },
  { path: '/rulebook/versions', label: 'Versions', roles: ['marketing', 'sales'], component: VersionsPage },
  { path: '/reps', label: 'Reps', roles: ['marketing', 'sales', 'rep'], component: RepsPage },
  { path: '/settings', label: 'Settings', roles: ['marketing', 'sales'], component: SettingsPage },
];

const allowed = (page: Page) => hasRole(...page.roles);

function homeFor(): string {
  return PAGES.find(allowed)?.path ?? '/reps';
}

function NotAllowed() {
  return (
    <>
      <PageTitle title="Not allowed" />
      <div class="notice error" role="alert">
        <p>
          <strong>This page is not for your role.</strong> Ask an administrator if you need it.
        </p>
      </div>
    </>
  );
}

function NotFound() {
  return (
    <>
      <PageTitle title="Page not found" />
      <p>
        There is no page at <code>#{route.value}</code>. <a href={`#${homeFor()}`}>Go to the start page</a>.
      </p>
    </>
  );
}

export function App() {
  const current = session.value;
  const path = route.value;
  // Focus moves to the new page's heading so keyboard and screen-reader users land on it.
  useEffect(() => {
    document.getElementById('page-title')?.focus();
  }, [path]);
  if (!current) return <SignInPage />;
  if (path === '/' || path === '/sign-in') {
    location.replace(`#${homeFor()}`);
    return null;
  }
  const page = PAGES.find((candidate) => candidate.path === path);
  const Content = !page ? NotFound : allowed(page) ? page.component : NotAllowed;
  const sites = current.user.sites.filter((site) => site !== '*');
  return (
    <div class="layout">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">Baton</span>
        {sites.length > 1 ? (
          <label class="site-picker">
            Site{' '}
            <select value={siteKey.value} onChange={(event) => chooseSite((event.target as HTMLSelectElement).value)}>
              {sites.map((site) => (
                <option key={site} value={site}>
                  {site}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span class="site">Site: {siteKey.value}</span>
        )}
        <span class="who">
          {current.user.name ?? current.user.userId} <span class="roles">({current.user.roles.join(', ')})</span>
        </span>
        <button type="button" class="link" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <nav aria-label="Console">
        <ul>
          {PAGES.filter(allowed).map((candidate) => (
            <li key={candidate.path}>
              <a href={`#${candidate.path}`} aria-current={candidate.path === path ? 'page' : undefined}>
                {candidate.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        <Content />
      </main>
    </div>
  );
}
