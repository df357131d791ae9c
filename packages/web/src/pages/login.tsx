import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNote } from '../components/ui.js';
import type { AuthProviders, Session } from '../types.js';

/** Only links into this server: a provider's login URL is a path here (the server redirects onwards). */
function sameOriginPath(url: unknown): string | undefined {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : undefined;
}

/** Single sign-on buttons from `GET /api/v1/auth/providers`, whatever of its shapes the server gives. */
export function ssoProviders(answer: AuthProviders | undefined): { name: string; url: string }[] {
  if (answer === undefined) return [];
  const found: { name: string; url: string }[] = [];
  for (const provider of answer.providers ?? []) {
    const url = sameOriginPath(provider.loginUrl);
    if (url !== undefined && provider.id !== 'password') found.push({ name: provider.name, url });
  }
  const oidc = answer.oidc as unknown;
  if (oidc === true) found.push({ name: 'single sign-on', url: '/api/v1/auth/oidc/login' });
  else if (typeof oidc === 'object' && oidc !== null) {
    const { name, loginUrl } = oidc as { name?: unknown; loginUrl?: unknown };
    const url = sameOriginPath(loginUrl) ?? '/api/v1/auth/oidc/login';
    found.push({ name: typeof name === 'string' && name !== '' ? name : 'single sign-on', url });
  }
  return found;
}

export function LoginPage({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [sso, setSso] = useState<{ name: string; url: string }[]>([]);
  useEffect(() => {
    // An older server has no providers route: password sign-in only.
    api.authProviders().then(
      (answer) => setSso(ssoProviders(answer)),
      () => setSso([]),
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
      {sso.length > 0 ? (
        <div class="stack sso">
          <p class="muted">or</p>
          {sso.map((p) => (
            <a class="button secondary" href={p.url} key={p.url}>
              Sign in with {p.name}
            </a>
          ))}
        </div>
      ) : null}
    </main>
  );
}
