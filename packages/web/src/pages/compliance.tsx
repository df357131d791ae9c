import { api } from '../api.js';
import { ErrorNote, Loading, Section, useAsync } from '../components/ui.js';
import { formatCount, formatDateTime } from '../format.js';

/** OWASP Top 10 / ASVS coverage of a project, with a CSV download and a printable layout. */
export function CompliancePanel({ project }: { project: string }) {
  const report = useAsync(() => api.compliance(project), [project]);
  if (report.error) return <ErrorNote error={report.error} />;
  if (report.data === undefined) return <Loading />;
  return (
    <div class="compliance">
      <div class="actions no-print">
        <a class="button secondary" href={api.complianceCsvUrl(project)} download>
          Download CSV
        </a>
        <button type="button" class="secondary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <p class="print-only">
        Rampart compliance report for {project}, {formatDateTime(Date.now())}
      </p>
      {report.data.standards.map((standard) => (
        <Section title={standard.name} key={standard.id}>
          <p class="muted small">Mapping: {standard.source}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col" class="num">
                  Open
                </th>
                <th scope="col" class="num">
                  Triaged
                </th>
                <th scope="col" class="num">
                  Fixed
                </th>
                <th scope="col">Status</th>
                <th scope="col">Rules</th>
              </tr>
            </thead>
            <tbody>
              {standard.categories.map((c) => (
                <tr key={c.id} class={c.open > 0 ? 'attention' : undefined}>
                  <td>
                    <span class="mono">{c.id}</span> {c.name}
                  </td>
                  <td class="num">{formatCount(c.open)}</td>
                  <td class="num">{formatCount(c.triaged)}</td>
                  <td class="num">{formatCount(c.fixed)}</td>
                  <td>
                    {c.open > 0 ? 'open findings' : c.triaged + c.fixed > 0 ? 'addressed' : 'no findings'}
                  </td>
                  <td class="mono small">{c.rules.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ))}
      <Section title="Not mapped to a category">
        <p>
          {formatCount(report.data.unmapped.open)} open, {formatCount(report.data.unmapped.triaged)} triaged,{' '}
          {formatCount(report.data.unmapped.fixed)} fixed
          {report.data.unmapped.rules.length > 0 ? ` (${report.data.unmapped.rules.join(', ')})` : ''}.
        </p>
      </Section>
    </div>
  );
}
