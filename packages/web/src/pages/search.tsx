import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNote, Link, Section, SeverityBadge, useAsync } from '../components/ui.js';
import { formatCount, formatDate, shortCommit } from '../format.js';
import { findingPath, navigate, projectPath, useLocation } from '../router.js';

/** "Who uses package X (version Y)" and "where does rule R fire", across the projects you may read. */
export function SearchPage() {
  const { query } = useLocation();
  const pkg = query.get('package') ?? '';
  const version = query.get('version') ?? '';
  const rule = query.get('rule') ?? '';
  const [draft, setDraft] = useState({ pkg, version, rule });
  useEffect(() => setDraft({ pkg, version, rule }), [pkg, version, rule]);
  const packages = useAsync(
    () =>
      pkg === ''
        ? Promise.resolve(undefined)
        : api.packages({ name: pkg, ...(version !== '' && { version }) }),
    [pkg, version],
  );
  const rules = useAsync(() => (rule === '' ? Promise.resolve(undefined) : api.ruleUsage(rule)), [rule]);
  const go = (next: { pkg?: string; version?: string; rule?: string }) => {
    const params = new URLSearchParams();
    if (next.pkg) params.set('package', next.pkg);
    if (next.version) params.set('version', next.version);
    if (next.rule) params.set('rule', next.rule);
    const text = params.toString();
    navigate(text === '' ? '/search' : `/search?${text}`, { replace: true });
  };
  return (
    <>
      <h1>Search across projects</h1>
      <div class="grid2">
        <Section title="Who uses a package">
          <form
            class="stack"
            role="search"
            aria-label="Package search"
            onSubmit={(e) => {
              e.preventDefault();
              go({ pkg: draft.pkg.trim(), version: draft.version.trim(), rule });
            }}
          >
            <label>
              Package name
              <input
                name="package"
                required
                maxLength={400}
                placeholder="lodash"
                value={draft.pkg}
                onInput={(e) => setDraft({ ...draft, pkg: e.currentTarget.value })}
              />
            </label>
            <label>
              Version (optional)
              <input
                name="version"
                maxLength={200}
                placeholder="4.17.20"
                value={draft.version}
                onInput={(e) => setDraft({ ...draft, version: e.currentTarget.value })}
              />
            </label>
            <button type="submit">Find projects</button>
          </form>
        </Section>
        <Section title="Where a rule fires">
          <form
            class="stack"
            role="search"
            aria-label="Rule search"
            onSubmit={(e) => {
              e.preventDefault();
              go({ pkg, version, rule: draft.rule.trim() });
            }}
          >
            <label>
              Rule id
              <input
                name="rule"
                required
                maxLength={200}
                placeholder="secrets/aws-access-key"
                value={draft.rule}
                onInput={(e) => setDraft({ ...draft, rule: e.currentTarget.value })}
              />
            </label>
            <button type="submit">Find findings</button>
          </form>
        </Section>
      </div>
      {pkg !== '' ? (
        <Section title={`Projects using ${pkg}${version ? `@${version}` : ''}`}>
          <ErrorNote error={packages.error} />
          {packages.data === undefined ? null : packages.data.items.length === 0 ? (
            <p class="muted">No project's latest SBOM has this package.</p>
          ) : (
            <table data-testid="package-results">
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Branch</th>
                  <th scope="col">Commit</th>
                  <th scope="col">Package</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Scanned</th>
                </tr>
              </thead>
              <tbody>
                {packages.data.items.map((u) => (
                  <tr key={`${u.project} ${u.branch} ${u.purl} ${u.scope}`}>
                    <td>
                      <Link href={projectPath(u.project, 'components')}>{u.project}</Link>
                    </td>
                    <td>{u.branch || '—'}</td>
                    <td class="mono">{shortCommit(u.commit)}</td>
                    <td class="mono">
                      {u.name}@{u.version}
                    </td>
                    <td>
                      {u.scope}
                      {u.direct ? ', direct' : ''}
                    </td>
                    <td>{formatDate(u.scannedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      ) : null}
      {rule !== '' ? (
        <Section title={`Where ${rule} fires`}>
          <ErrorNote error={rules.error} />
          {rules.data === undefined ? null : rules.data.items.length === 0 ? (
            <p class="muted">No findings of this rule in your projects.</p>
          ) : (
            <table data-testid="rule-results">
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col" class="num">
                    Open
                  </th>
                  <th scope="col" class="num">
                    Fixed
                  </th>
                  <th scope="col">Some open locations</th>
                </tr>
              </thead>
              <tbody>
                {rules.data.items.map((r) => (
                  <tr key={r.project}>
                    <td>
                      <Link href={`${projectPath(r.project)}?rule=${encodeURIComponent(rule)}`}>
                        {r.project}
                      </Link>
                    </td>
                    <td class="num">{formatCount(r.open)}</td>
                    <td class="num">{formatCount(r.states.fixed)}</td>
                    <td>
                      {r.samples.map((s) => (
                        <div key={s.fingerprint}>
                          <SeverityBadge severity={s.severity} />{' '}
                          <Link class="mono small" href={findingPath(r.project, s.fingerprint)}>
                            {s.path}:{s.line}
                          </Link>
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      ) : null}
    </>
  );
}
