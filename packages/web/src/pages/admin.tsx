import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNote, Loading, Section, useAsync } from '../components/ui.js';
import { formatDate } from '../format.js';
import type { Session, SlaPolicy } from '../types.js';

function Users() {
  const users = useAsync(() => api.users(), []);
  const [form, setForm] = useState({ email: '', password: '', admin: false });
  const [error, setError] = useState<unknown>(undefined);
  const [role, setRole] = useState({ userId: '', project: '', role: 'viewer' });
  return (
    <Section title="Users">
      <ErrorNote error={users.error ?? error} />
      {users.data === undefined ? (
        <Loading />
      ) : (
        <table data-testid="users">
          <thead>
            <tr>
              <th scope="col">E-mail</th>
              <th scope="col">Administrator</th>
              <th scope="col">Roles</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>{u.admin ? 'yes' : 'no'}</td>
                <td class="small">{u.roles.map((r) => `${r.project}: ${r.role}`).join(', ') || '—'}</td>
                <td>{formatDate(u.createdAt)}</td>
                <td>
                  {u.disabled ? (
                    'disabled'
                  ) : (
                    <button
                      type="button"
                      class="ghost"
                      onClick={() => {
                        if (!window.confirm(`Disable ${u.email}? Their sessions end at once.`)) return;
                        api.disableUser(u.id).then(users.reload, setError);
                      }}
                    >
                      Disable
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="grid2">
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            setError(undefined);
            api.createUser(form).then(() => {
              setForm({ email: '', password: '', admin: false });
              users.reload();
            }, setError);
          }}
        >
          <h3>New user</h3>
          <label>
            E-mail address
            <input
              type="email"
              required
              value={form.email}
              onInput={(e) => setForm({ ...form, email: e.currentTarget.value })}
            />
          </label>
          <label>
            Password (12 characters or more)
            <input
              type="password"
              required
              minLength={12}
              autoComplete="new-password"
              value={form.password}
              onInput={(e) => setForm({ ...form, password: e.currentTarget.value })}
            />
          </label>
          <label class="check-label">
            <input
              type="checkbox"
              checked={form.admin}
              onChange={(e) => setForm({ ...form, admin: e.currentTarget.checked })}
            />
            Administrator
          </label>
          <button type="submit">Create user</button>
        </form>
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            setError(undefined);
            const id = Number(role.userId);
            api
              .setRole(
                role.project.trim(),
                id,
                role.role === 'none' ? null : (role.role as 'viewer' | 'maintainer'),
              )
              .then(users.reload, setError);
          }}
        >
          <h3>Project role</h3>
          <label>
            User
            <select
              required
              value={role.userId}
              onChange={(e) => setRole({ ...role, userId: e.currentTarget.value })}
            >
              <option value="">choose…</option>
              {(users.data?.items ?? []).map((u) => (
                <option value={String(u.id)} key={u.id}>
                  {u.email}
                </option>
              ))}
            </select>
          </label>
          <label>
            Project
            <input
              required
              maxLength={200}
              value={role.project}
              onInput={(e) => setRole({ ...role, project: e.currentTarget.value })}
            />
          </label>
          <label>
            Role
            <select value={role.role} onChange={(e) => setRole({ ...role, role: e.currentTarget.value })}>
              <option value="viewer">viewer</option>
              <option value="maintainer">maintainer</option>
              <option value="none">no role</option>
            </select>
          </label>
          <button type="submit">Set role</button>
        </form>
      </div>
    </Section>
  );
}

function Tokens() {
  const tokens = useAsync(() => api.tokens(), []);
  const [form, setForm] = useState({ name: '', scope: 'ingest', projects: '', expiresInDays: 90 });
  const [created, setCreated] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  return (
    <Section title="API tokens">
      <ErrorNote error={tokens.error ?? error} />
      {created ? (
        <div class="notice" role="status">
          <p>Copy the new token now: it is not shown again.</p>
          <input
            readOnly
            aria-label="New API token"
            value={created}
            class="mono wide"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : null}
      {tokens.data === undefined ? (
        <Loading />
      ) : (
        <table data-testid="tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scope</th>
              <th scope="col">Projects</th>
              <th scope="col">Created by</th>
              <th scope="col">Expires</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.items.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.scope}</td>
                <td class="small">{t.projects.join(', ') || 'server-wide'}</td>
                <td class="small">{t.createdBy}</td>
                <td>{formatDate(t.expiresAt)}</td>
                <td>
                  {t.revokedAt !== null ? (
                    `revoked ${formatDate(t.revokedAt)}`
                  ) : (
                    <button
                      type="button"
                      class="ghost"
                      onClick={() => void api.revokeToken(t.id).then(tokens.reload, setError)}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setError(undefined);
          api
            .createToken({
              name: form.name.trim(),
              scope: form.scope,
              projects: form.projects
                .split(',')
                .map((p) => p.trim())
                .filter(Boolean),
              expiresInDays: form.expiresInDays,
            })
            .then((answer) => {
              setCreated(answer.token);
              tokens.reload();
            }, setError);
        }}
      >
        <label>
          Name
          <input
            required
            maxLength={100}
            value={form.name}
            onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
        </label>
        <label>
          Scope
          <select value={form.scope} onChange={(e) => setForm({ ...form, scope: e.currentTarget.value })}>
            <option value="ingest">ingest</option>
            <option value="read">read</option>
            <option value="metrics">metrics</option>
          </select>
        </label>
        <label>
          Projects (comma-separated)
          <input
            value={form.projects}
            onInput={(e) => setForm({ ...form, projects: e.currentTarget.value })}
          />
        </label>
        <label>
          Days valid
          <input
            type="number"
            min={1}
            max={366}
            value={form.expiresInDays}
            onInput={(e) => setForm({ ...form, expiresInDays: Number(e.currentTarget.value) })}
          />
        </label>
        <div class="filter-actions">
          <button type="submit">Create token</button>
        </div>
      </form>
    </Section>
  );
}

const SLA_KEYS = ['critical', 'high', 'medium', 'low'] as const;

function Sla() {
  const policy = useAsync(() => api.slaPolicy(), []);
  const [draft, setDraft] = useState<SlaPolicy | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (policy.data) setDraft(policy.data.policy);
  }, [policy.data]);
  return (
    <Section title="SLA policy">
      <ErrorNote error={policy.error ?? error} />
      {draft === undefined ? (
        <Loading />
      ) : (
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setError(undefined);
            setSaved(false);
            api.setSlaPolicy(draft).then(() => {
              setSaved(true);
              policy.reload();
            }, setError);
          }}
        >
          {SLA_KEYS.map((s) => (
            <label key={s}>
              {s} (days)
              <input
                type="number"
                min={1}
                max={3650}
                required
                value={draft[s]}
                onInput={(e) => setDraft({ ...draft, [s]: Number(e.currentTarget.value) })}
              />
            </label>
          ))}
          <div class="filter-actions">
            <button type="submit">Save policy</button>
          </div>
          {saved ? (
            <p role="status" class="ok">
              Saved (recorded in the audit log).
            </p>
          ) : null}
        </form>
      )}
    </Section>
  );
}

function Webhooks() {
  const hooks = useAsync(() => api.webhooks(), []);
  if (hooks.data === undefined && !hooks.loading && !hooks.error) return null;
  return (
    <Section title="Webhooks">
      <ErrorNote error={hooks.error} />
      {hooks.data === undefined ? (
        hooks.loading ? (
          <Loading />
        ) : (
          <p class="muted">This server has no webhooks.</p>
        )
      ) : hooks.data.items.length === 0 ? (
        <p class="muted">No webhooks. Create them through the API (see docs/server.md).</p>
      ) : (
        <table data-testid="webhooks">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Destination</th>
              <th scope="col">Format</th>
              <th scope="col">Events</th>
              <th scope="col">Projects</th>
              <th scope="col">From severity</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {hooks.data.items.map((h) => (
              <tr key={h.id}>
                <td>{h.name}</td>
                <td class="mono small">{h.url}</td>
                <td>{h.format}</td>
                <td class="small">{h.events.join(', ')}</td>
                <td class="small">{h.projects.join(', ') || 'all'}</td>
                <td>{h.minSeverity}</td>
                <td>{h.enabled ? 'enabled' : 'disabled'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

export function AdminPage({ session }: { session: Session }) {
  if (session.user?.admin !== true)
    return (
      <>
        <h1>Administration</h1>
        <p>Only an administrator can see this page.</p>
        <Tokens />
      </>
    );
  return (
    <>
      <h1>Administration</h1>
      <Users />
      <Tokens />
      <Sla />
      <Webhooks />
    </>
  );
}
