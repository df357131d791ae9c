import { api } from '../api.js';
import { ErrorNote, Link, Loading, Section, SeverityBadge, useAsync } from '../components/ui.js';
import { commitUrl, formatCount, formatDate, formatDateTime, shortCommit } from '../format.js';
import { findingPath, projectPath } from '../router.js';
import type { Session } from '../types.js';
import { CompliancePanel } from './compliance.js';
import { FindingsTable } from './findings-table.js';

const TABS = [
  ['findings', 'Findings'],
  ['scans', 'Scans'],
  ['components', 'Components'],
  ['sla', 'SLA'],
  ['compliance', 'Compliance'],
] as const;

export function ProjectPage(props: {
  project: string;
  tab: 'findings' | 'scans' | 'components' | 'compliance' | 'sla';
  session: Session;
}) {
  const { project, tab } = props;
  return (
    <>
      <div class="page-head">
        <h1>
          <span class="muted">Project</span> {project}
        </h1>
      </div>
      <nav class="tabs" aria-label="Project sections">
        {TABS.map(([id, text]) => (
          <Link key={id} href={projectPath(project, id)} aria-current={tab === id ? 'page' : undefined}>
            {text}
          </Link>
        ))}
      </nav>
      {tab === 'findings' ? <FindingsTable project={project} session={props.session} /> : null}
      {tab === 'scans' ? <ScansPanel project={project} /> : null}
      {tab === 'components' ? <ComponentsPanel project={project} /> : null}
      {tab === 'sla' ? <SlaPanel project={project} /> : null}
      {tab === 'compliance' ? <CompliancePanel project={project} /> : null}
    </>
  );
}

function ScansPanel({ project }: { project: string }) {
  const scans = useAsync(() => api.scans(project, { limit: 100 }), [project]);
  if (scans.error) return <ErrorNote error={scans.error} />;
  if (scans.data === undefined) return <Loading />;
  return (
    <Section title="Scan history">
      <table data-testid="scan-history">
        <thead>
          <tr>
            <th scope="col">Scan</th>
            <th scope="col">When</th>
            <th scope="col">Branch</th>
            <th scope="col">Commit</th>
            <th scope="col">Tool</th>
            <th scope="col">Kind</th>
            <th scope="col" class="num">
              Findings
            </th>
            <th scope="col" class="num">
              Components
            </th>
          </tr>
        </thead>
        <tbody>
          {scans.data.items.map((s) => {
            const link = commitUrl(s.pipelineUrl, s.commit);
            return (
              <tr key={s.id}>
                <td>#{s.id}</td>
                <td>{formatDateTime(s.createdAt)}</td>
                <td>{s.branch || '—'}</td>
                <td class="mono">
                  {link ? (
                    <a href={link} rel="noreferrer noopener" target="_blank">
                      {shortCommit(s.commit)}
                    </a>
                  ) : (
                    shortCommit(s.commit)
                  )}
                  {s.pipelineUrl ? (
                    <>
                      {' '}
                      <a href={s.pipelineUrl} rel="noreferrer noopener" target="_blank" class="small">
                        pipeline
                      </a>
                    </>
                  ) : null}
                </td>
                <td>
                  {s.tool.name} {s.tool.version}
                </td>
                <td>
                  {s.format} · {s.kind}
                </td>
                <td class="num">{formatCount(s.findingCount)}</td>
                <td class="num">{formatCount(s.componentCount)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {scans.data.nextCursor ? <p class="muted">Showing the latest 100 scans.</p> : null}
    </Section>
  );
}

function ComponentsPanel({ project }: { project: string }) {
  const data = useAsync(() => api.components(project), [project]);
  if (data.error) return <ErrorNote error={data.error} />;
  if (data.data === undefined) return <Loading />;
  const { scan, components, licenses, total } = data.data;
  if (scan === null) return <p class="muted">No SBOM uploaded for this project yet.</p>;
  const vulnerable = components.filter((c) => c.vulnerabilities.length > 0).length;
  return (
    <div class="grid-side">
      <Section title={`Components (${formatCount(total)})`}>
        <p class="muted">
          From scan #{scan.id} on {scan.branch || 'no branch'} at {shortCommit(scan.commit)},{' '}
          {formatDate(scan.createdAt)}. {vulnerable} vulnerable.
        </p>
        <table data-testid="components">
          <thead>
            <tr>
              <th scope="col">Package</th>
              <th scope="col">Version</th>
              <th scope="col">Ecosystem</th>
              <th scope="col">Scope</th>
              <th scope="col">Licences</th>
              <th scope="col">Vulnerabilities</th>
            </tr>
          </thead>
          <tbody>
            {components.map((c) => (
              <tr
                key={`${c.purl} ${c.scope}`}
                class={c.vulnerabilities.length > 0 ? 'vulnerable' : undefined}
              >
                <td>
                  {c.name}
                  {c.direct ? <span class="muted small"> direct</span> : null}
                </td>
                <td class="mono">{c.version}</td>
                <td>{c.ecosystem}</td>
                <td>{c.scope}</td>
                <td>{c.licenses.join(', ') || '—'}</td>
                <td>
                  {c.vulnerabilities.length === 0
                    ? '—'
                    : c.vulnerabilities.map((v) => (
                        <span key={v.fingerprint} class="vuln">
                          <SeverityBadge severity={v.severity} />{' '}
                          <Link href={findingPath(project, v.fingerprint)}>
                            {v.advisoryIds[0] ?? 'advisory'}
                          </Link>
                          {v.fixedIn ? <span class="small"> fixed in {v.fixedIn}</span> : null}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Licence summary">
        <table>
          <thead>
            <tr>
              <th scope="col">Licence</th>
              <th scope="col" class="num">
                Components
              </th>
            </tr>
          </thead>
          <tbody>
            {licenses.map((l) => (
              <tr key={l.license}>
                <td>{l.license}</td>
                <td class="num">{formatCount(l.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}

function SlaPanel({ project }: { project: string }) {
  const sla = useAsync(() => api.sla(project), [project]);
  if (sla.error) return <ErrorNote error={sla.error} />;
  if (sla.data === undefined) return <Loading />;
  return (
    <>
      <Section title="SLA by severity">
        <table>
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col" class="num">
                Days allowed
              </th>
              <th scope="col" class="num">
                Open
              </th>
              <th scope="col" class="num">
                Breached
              </th>
              <th scope="col" class="num">
                Fixed
              </th>
              <th scope="col" class="num">
                Mean days to remediate
              </th>
            </tr>
          </thead>
          <tbody>
            {sla.data.severities.map((s) => (
              <tr key={s.severity}>
                <td>
                  <SeverityBadge severity={s.severity} />
                </td>
                <td class="num">{s.days}</td>
                <td class="num">{formatCount(s.open)}</td>
                <td class="num">{formatCount(s.breached)}</td>
                <td class="num">{formatCount(s.fixed)}</td>
                <td class="num">{s.meanTimeToRemediateDays ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Breaches">
        {sla.data.breaches.length === 0 ? (
          <p class="muted">No finding is past its deadline.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Severity</th>
                <th scope="col">Finding</th>
                <th scope="col">Due</th>
                <th scope="col" class="num">
                  Days overdue
                </th>
              </tr>
            </thead>
            <tbody>
              {sla.data.breaches.map((b) => (
                <tr key={b.fingerprint}>
                  <td>
                    <SeverityBadge severity={b.severity} />
                  </td>
                  <td>
                    <Link href={findingPath(project, b.fingerprint)}>{b.title}</Link>{' '}
                    <span class="mono small">{b.path}</span>
                  </td>
                  <td>{formatDate(b.dueAt)}</td>
                  <td class="num">{b.daysOverdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
