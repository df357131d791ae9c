import { api } from '../api.js';
import { NewFixedChart, OpenTrendChart, SeverityBar } from '../components/charts.js';
import { ErrorNote, Link, Loading, Section, Stat, useAsync } from '../components/ui.js';
import { commitUrl, formatCount, formatDateTime, shortCommit } from '../format.js';
import { navigate, projectPath, useLocation } from '../router.js';
import { SEVERITIES } from '../types.js';

export function OverviewPage() {
  const { query } = useLocation();
  const team = query.get('team') ?? '';
  const overview = useAsync(() => api.overview({ ...(team !== '' && { team }), weeks: 12 }), [team]);
  const projects = useAsync(() => api.projects(), []);
  const data = overview.data;
  const openTotal = data ? SEVERITIES.reduce((sum, s) => sum + data.open[s], 0) : 0;
  return (
    <>
      <div class="page-head">
        <h1>Overview</h1>
        {data && data.teams.length > 0 ? (
          <label class="inline">
            Team
            <select
              value={team}
              onChange={(e) => {
                const value = e.currentTarget.value;
                navigate(value === '' ? '/' : `/?team=${encodeURIComponent(value)}`, { replace: true });
              }}
            >
              <option value="">All teams</option>
              {data.teams.map((t) => (
                <option value={t} key={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <ErrorNote error={overview.error} />
      {data === undefined ? (
        overview.error ? null : (
          <Loading />
        )
      ) : (
        <>
          <div class="stats" data-testid="overview-stats">
            <Stat label="open findings" value={formatCount(openTotal)} />
            <Stat label="critical open" value={formatCount(data.open.critical)} tone="tone-critical" />
            <Stat label="high open" value={formatCount(data.open.high)} tone="tone-high" />
            <Stat
              label="SLA breaches"
              value={formatCount(data.sla.breached)}
              tone={data.sla.breached > 0 ? 'tone-critical' : ''}
            />
            <Stat
              label="mean time to remediate"
              value={
                data.sla.meanTimeToRemediateDays === null ? '—' : `${data.sla.meanTimeToRemediateDays} days`
              }
            />
            <Stat label="projects" value={formatCount(data.projects)} />
          </div>
          <div class="grid2">
            <Section title="Open findings by severity">
              <OpenTrendChart points={data.weeks} title="Open findings by severity, last 12 weeks" />
            </Section>
            <Section title="New vs fixed per week">
              <NewFixedChart points={data.weeks} title="New and fixed findings per week, last 12 weeks" />
            </Section>
          </div>
          <div class="grid2">
            <Section title="Riskiest projects">
              {data.riskiest.length === 0 ? (
                <p class="muted">No open findings.</p>
              ) : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Project</th>
                      <th scope="col" class="num">
                        Risk score
                      </th>
                      <th scope="col">Open by severity</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.riskiest.map((r) => (
                      <tr key={r.project}>
                        <td>
                          <Link href={projectPath(r.project)}>{r.project}</Link>
                        </td>
                        <td class="num">{formatCount(r.score)}</td>
                        <td>
                          <SeverityBar counts={r.open} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Section>
            <Section title="Recent scans">
              {data.recentScans.length === 0 ? (
                <p class="muted">No scans yet: upload one with `rampart scan --upload` or the API.</p>
              ) : (
                <table data-testid="recent-scans">
                  <thead>
                    <tr>
                      <th scope="col">Project</th>
                      <th scope="col">Branch</th>
                      <th scope="col">Commit</th>
                      <th scope="col" class="num">
                        Findings
                      </th>
                      <th scope="col">When</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.recentScans.map((s) => {
                      const link = commitUrl(s.pipelineUrl, s.commit);
                      return (
                        <tr key={s.id}>
                          <td>
                            <Link href={projectPath(s.project, 'scans')}>{s.project}</Link>
                          </td>
                          <td>{s.branch || '—'}</td>
                          <td class="mono">
                            {link ? (
                              <a href={link} rel="noreferrer noopener" target="_blank">
                                {shortCommit(s.commit)}
                              </a>
                            ) : (
                              shortCommit(s.commit)
                            )}
                          </td>
                          <td class="num">{formatCount(s.findingCount)}</td>
                          <td>{formatDateTime(s.createdAt)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </Section>
          </div>
        </>
      )}
      <Section title="Projects">
        <ErrorNote error={projects.error} />
        {projects.data === undefined ? null : projects.data.items.length === 0 ? (
          <p class="muted">No projects you may read yet.</p>
        ) : (
          <ul class="project-list">
            {projects.data.items
              .filter((p) => team === '' || p.name.startsWith(`${team}/`))
              .map((p) => (
                <li key={p.name}>
                  <Link href={projectPath(p.name)}>{p.name}</Link>
                </li>
              ))}
          </ul>
        )}
      </Section>
    </>
  );
}
