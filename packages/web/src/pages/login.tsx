import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNote } from '../components/ui.js';
import type { AuthProviders, Session } from '../types.js';

/** Only links into this server: a provider's login URL is a path here (the server redirects onwards). */
function sameOriginPath(url: unknown): string | undefined {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : undefined;
}

/**
 * The single sign-on button from `GET /api/v1/auth/providers`, when the server offers OIDC: its login URL
 * (a path on this server, which redirects to the provider) with the page to come back to.
 */
export function ssoProvider(answer: AuthProviders | undefined): { name: string; url: string } | undefined {
  const oidc = answer?.oidc;
  if (oidc?.enabled !== true) return undefined;
  const path = sameOriginPath(oidc.loginUrl);
  if (path === undefined) return undefined;
  const back = location.pathname === '/login' ? '/' : `${location.pathname}${location.search}`;
  return {
    name: typeof oidc.name === 'string' && oidc.name !== '' ? oidc.name : 'single sign-on',
    url: `${path}?returnTo=${encodeURIComponent(back)}`,
  };
}

export function LoginPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState<{ name: string; url: string } | undefined>(undefined);
  const [passwords, setPasswords] = useState(true);
  useEffect(() => {
    // A server without the providers route offers password sign-in only.
    api.authProviders().then(
      (answer) => {
        setSso(ssoProvider(answer));
        setPasswords(answer?.password?.enabled !== false);
      },
      () => setSso(undefined),
    );
  }, []);
  const submit = (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    api.signIn(email, password).then(
      (session) => {
        setBusy(false);
        onSignedIn(session);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return (
    <main id="main" class="login">
      <h1>Sign in to Rampart</h1>
      {passwords ? (
        <form onSubmit={submit} class="stack">
          <label>
            E-mail address
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </label>
          <label>
            Password
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          <ErrorNote error={error} />
        </form>
      ) : null}
      {sso !== undefined ? (
        <div class="stack sso">
          {passwords ? <p class="muted">or</p> : null}
          <a class="button secondary" href={sso.url}>
            Sign in with {sso.name}
          </a>
        </div>
      ) : null}
    </main>
  );
}
