import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { Link, Loading } from './components/ui.js';
import { AdminPage } from './pages/admin.js';
import { AuditPage } from './pages/audit.js';
import { FindingPage } from './pages/finding.js';
import { LoginPage } from './pages/login.js';
import { OverviewPage } from './pages/overview.js';
import { ProjectPage } from './pages/project.js';
import { SearchPage } from './pages/search.js';
import { matchRoute, navigate, useLocation } from './router.js';
import { applyTheme, currentTheme, type Theme } from './theme.js';
import type { Session } from './types.js';
import './styles.css';

function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(currentTheme());
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      class="ghost"
      aria-pressed={theme === 'dark'}
      onClick={() => {
        applyTheme(next, true);
        setTheme(next);
      }}
    >
      {theme === 'dark' ? 'Light theme' : 'Dark theme'}
    </button>
  );
}

function Header({ session, onSignOut }: { session: Session; onSignOut: () => void }) {
  const { path } = useLocation();
  const admin = session.user?.admin === true;
  const current = (prefix: string) =>
    (prefix === '/' ? path === '/' || path.startsWith('/projects/') : path.startsWith(prefix))
      ? 'page'
      : undefined;
  return (
    <header class="top">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Link href="/" class="brand">
        Rampart
      </Link>
      <nav aria-label="Main">
        <Link href="/" aria-current={current('/')}>
          Overview
        </Link>
        <Link href="/search" aria-current={current('/search')}>
          Search
        </Link>
        {admin ? (
          <Link href="/audit" aria-current={current('/audit')}>
            Audit log
          </Link>
        ) : null}
        {admin ? (
          <Link href="/admin" aria-current={current('/admin')}>
            Admin
          </Link>
        ) : null}
      </nav>
      <div class="top-right">
        <ThemeToggle />
        <span class="muted who">{session.user?.email}</span>
        <button type="button" class="ghost" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}

function App() {
  const { path } = useLocation();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    api.onUnauthenticated = () => setSession(null);
    api.currentSession().then(
      (s) => setSession(s),
      () => setSession(null),
    );
  }, []);
  const route = matchRoute(path);
  useEffect(() => {
    const titles: Record<string, string> = {
      overview: 'Overview',
      login: 'Sign in',
      search: 'Search',
      audit: 'Audit log',
      admin: 'Administration',
      project: 'Project',
      finding: 'Finding',
      'not-found': 'Not found',
    };
    const what = 'project' in route ? `${route.project} · ${titles[route.page]}` : titles[route.page];
    document.title = `${what} — Rampart`;
  }, [path]);

  if (session === undefined) return <Loading />;
  if (session === null || route.page === 'login') {
    if (session !== null) {
      navigate('/', { replace: true });
      return <Loading />;
    }
    return (
      <LoginPage
        onSignedIn={(s) => {
          setSession(s);
          if (location.pathname === '/login') navigate('/', { replace: true });
        }}
      />
    );
  }
  const signOut = () => {
    api.signOut().then(
      () => {
        setSession(null);
        navigate('/login');
      },
      () => setSession(null),
    );
  };
  let page;
  switch (route.page) {
    case 'overview':
      page = <OverviewPage />;
      break;
    case 'search':
      page = <SearchPage />;
      break;
    case 'audit':
      page = <AuditPage />;
      break;
    case 'admin':
      page = <AdminPage session={session} />;
      break;
    case 'project':
      page = <ProjectPage project={route.project} tab={route.tab} session={session} />;
      break;
    case 'finding':
      page = <FindingPage project={route.project} fingerprint={route.fingerprint} session={session} />;
      break;
    default:
      page = (
        <>
          <h1>Not found</h1>
          <p>
            No page here. <Link href="/">Back to the overview</Link>.
          </p>
        </>
      );
  }
  return (
    <>
      <Header session={session} onSignOut={signOut} />
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}

applyTheme(currentTheme());
render(<App />, document.getElementById('app')!);
