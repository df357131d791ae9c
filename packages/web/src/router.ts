import { useEffect, useState } from 'preact/hooks';

/**
 * A small client-side router over the History API: the server answers every dashboard route with the
 * same `index.html`, and the app picks the page from `location.pathname`.
 */

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

/** Go to `url` (same origin) without reloading the page. */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (options.replace === true) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
  if (options.replace !== true) {
    window.scrollTo(0, 0);
    // A new page: move focus to its content, as a full page load would reset it (screen readers
    // announce the new page; the next Tab starts at the top of the content).
    setTimeout(() => document.getElementById('main')?.focus({ preventScroll: true }), 0);
  }
}

/** The current location; re-renders the caller when it changes. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** A project's dashboard URL: its name is one path segment (`team%2Fapp`). */
export function projectPath(project: string, tab = 'findings'): string {
  return `/projects/${encodeURIComponent(project)}/${tab}`;
}

export function findingPath(project: string, fingerprint: string): string {
  return `/projects/${encodeURIComponent(project)}/findings/${fingerprint}`;
}

export type Route =
  | { page: 'overview' }
  | { page: 'login' }
  | { page: 'search' }
  | { page: 'audit' }
  | { page: 'admin' }
  | { page: 'project'; project: string; tab: 'findings' | 'scans' | 'components' | 'compliance' | 'sla' }
  | { page: 'finding'; project: string; fingerprint: string }
  | { page: 'not-found' };

const TABS = ['findings', 'scans', 'components', 'compliance', 'sla'] as const;

/** The page a path names. */
export function matchRoute(path: string): Route {
  if (path === '/' || path === '') return { page: 'overview' };
  if (path === '/login') return { page: 'login' };
  if (path === '/search') return { page: 'search' };
  if (path === '/audit') return { page: 'audit' };
  if (path === '/admin' || path.startsWith('/admin/')) return { page: 'admin' };
  const parts = path.split('/');
  if (parts[1] === 'projects' && parts[2] !== undefined && parts[2] !== '') {
    let project: string;
    try {
      project = decodeURIComponent(parts[2]);
    } catch {
      return { page: 'not-found' };
    }
    const tab = parts[3] ?? 'findings';
    if (tab === 'findings' && parts[4] !== undefined && /^[0-9a-f]{1,128}$/.test(parts[4]))
      return { page: 'finding', project, fingerprint: parts[4] };
    if ((TABS as readonly string[]).includes(tab) && parts.length <= 4)
      return { page: 'project', project, tab: tab as (typeof TABS)[number] };
  }
  return { page: 'not-found' };
}
