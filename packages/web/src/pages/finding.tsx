import { api } from '../api.js';
import { canTriage } from '../access.js';
import { TriageForm } from '../components/triage-form.js';
import { ErrorNote, Link, Loading, Section, SeverityBadge, StateBadge, useAsync } from '../components/ui.js';
import { commitUrl, formatDate, formatDateTime, label, shortCommit } from '../format.js';
import { maskSecrets } from '../mask.js';
import { projectPath } from '../router.js';
import { ruleDocs } from '../rules.js';
import type { Finding, Session } from '../types.js';

interface TraceStep {
  location: { path: string; startLine: number };
  message: string;
}

interface Dependency {
  kind: 'dependency';
  ecosystem: string;
  packageName: string;
  version: string;
  advisoryIds: string[];
  aliases?: string[];
  fixedVersions?: string[];
  fixedIn?: string;
  dependencyPaths?: string[][];
  cvssScore?: number;
  summary?: string;
  references?: string[];
}

function detailsOf(finding: Finding): Record<string, unknown> {
  return typeof finding.details === 'object' && finding.details !== null
    ? (finding.details as Record<string, unknown>)
    : {};
}

function safeHttpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The snippet with line numbers from the finding's first line; the finding's lines are highlighted. */
function Snippet({ finding }: { finding: Finding }) {
  const { snippet, startLine, endLine } = finding.location;
  if (snippet === undefined || snippet === '') return <p class="muted">No code snippet was uploaded.</p>;
  const secret = detailsOf(finding).kind === 'secret';
  const lines = snippet.split('\n');
  return (
    <pre
      class="snippet"
      data-testid="snippet"
      aria-label={`Code at ${finding.location.path} line ${startLine}`}
    >
      <code>
        {lines.map((line, i) => {
          const number = startLine + i;
          const hit = number >= startLine && number <= Math.max(startLine, endLine);
          return (
            <span class={hit ? 'line hit' : 'line'} key={i}>
              <span class="ln" aria-hidden="true">
                {number}
              </span>
              {secret ? maskSecrets(line) : line}
              {'\n'}
            </span>
          );
        })}
      </code>
    </pre>
  );
}

function Dataflow({ steps }: { steps: TraceStep[] }) {
  return (
    <ol class="dataflow" data-testid="dataflow">
      {steps.map((step, i) => (
        <li key={i}>
          <span class="mono small">
            {step.location.path}:{step.location.startLine}
          </span>{' '}
          {step.message}
        </li>
      ))}
    </ol>
  );
}

function Advisory({ dep }: { dep: Dependency }) {
  return (
    <dl class="facts">
      <dt>Package</dt>
      <dd class="mono">
        {dep.packageName}@{dep.version} ({dep.ecosystem})
      </dd>
      <dt>Advisories</dt>
      <dd>{[...dep.advisoryIds, ...(dep.aliases ?? [])].join(', ')}</dd>
      {dep.summary ? (
        <>
          <dt>Summary</dt>
          <dd>{dep.summary}</dd>
        </>
      ) : null}
      {dep.cvssScore !== undefined ? (
        <>
          <dt>CVSS</dt>
          <dd>{dep.cvssScore}</dd>
        </>
      ) : null}
      <dt>Fix</dt>
      <dd>
        {dep.fixedIn ? `upgrade to ${dep.fixedIn}` : 'no fixed version known'}
        {dep.fixedVersions && dep.fixedVersions.length > 0
          ? ` (fixed in ${dep.fixedVersions.join(', ')})`
          : ''}
      </dd>
      {dep.dependencyPaths && dep.dependencyPaths.length > 0 ? (
        <>
          <dt>Dependency path</dt>
          <dd class="mono small">
            {dep.dependencyPaths.slice(0, 5).map((path, i) => (
              <div key={i}>{path.join(' → ')}</div>
            ))}
          </dd>
        </>
      ) : null}
      {dep.references && dep.references.length > 0 ? (
        <>
          <dt>References</dt>
          <dd>
            <ul>
              {dep.references.slice(0, 10).map((ref) => {
                const url = safeHttpUrl(ref);
                return (
                  <li key={ref}>
                    {url ? (
                      <a href={url} rel="noreferrer noopener" target="_blank">
                        {ref}
                      </a>
                    ) : (
                      ref
                    )}
                  </li>
                );
              })}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function RuleHelp({ ruleId }: { ruleId: string }) {
  const docs = useAsync(() => ruleDocs(), []);
  const doc = docs.data?.get(ruleId);
  if (docs.data === undefined) return <Loading />;
  if (doc === undefined) return <p class="muted">No documentation is bundled for {ruleId}.</p>;
  return (
    <div data-testid="rule-doc">
      <p>{doc.description}</p>
      <div class="grid2 examples">
        <div>
          <h3>Flagged</h3>
          <pre class="example bad">
            <code>{doc.help.bad}</code>
          </pre>
        </div>
        <div>
          <h3>Safe</h3>
          <pre class="example good">
            <code>{doc.help.good}</code>
          </pre>
        </div>
      </div>
      <p>
        <strong>How to fix:</strong> {doc.help.fix}
      </p>
    </div>
  );
}

export function FindingPage(props: { project: string; fingerprint: string; session: Session }) {
  const { project, fingerprint } = props;
  const detail = useAsync(() => api.finding(project, fingerprint), [project, fingerprint]);
  const audit = useAsync(() => api.findingAudit(project, fingerprint), [project, fingerprint]);
  if (detail.error) return <ErrorNote error={detail.error} />;
  if (detail.data === undefined) return <Loading />;
  const { finding, scans, triageHistory } = detail.data;
  const details = detailsOf(finding);
  const trace = Array.isArray(details.trace) ? (details.trace as TraceStep[]) : [];
  return (
    <>
      <p class="crumbs">
        <Link href={projectPath(project)}>{project}</Link> / finding
      </p>
      <div class="page-head">
        <h1>{finding.title}</h1>
        <div class="badges">
          <SeverityBadge severity={finding.severity} />
          <StateBadge state={finding.state} triage={finding.triage?.decision} />
        </div>
      </div>
      <p>{finding.message}</p>
      <dl class="facts">
        <dt>Rule</dt>
        <dd class="mono">{finding.ruleId}</dd>
        <dt>Scanner</dt>
        <dd>
          {finding.scanner} ({finding.tool})
        </dd>
        <dt>Location</dt>
        <dd class="mono">
          {finding.location.path}:{finding.location.startLine}
        </dd>
        {finding.cwe.length > 0 ? (
          <>
            <dt>CWE</dt>
            <dd>{finding.cwe.join(', ')}</dd>
          </>
        ) : null}
        <dt>First seen</dt>
        <dd>{formatDateTime(finding.firstSeenAt)}</dd>
        <dt>Last seen</dt>
        <dd>{formatDateTime(finding.lastSeenAt)}</dd>
        {finding.fixedAt !== null ? (
          <>
            <dt>Fixed</dt>
            <dd>{formatDateTime(finding.fixedAt)}</dd>
          </>
        ) : null}
        {finding.suppression ? (
          <>
            <dt>Suppressed in the repository</dt>
            <dd>{finding.suppression}</dd>
          </>
        ) : null}
      </dl>
      <div class="grid-side">
        <div>
          <Section title="Code">
            <Snippet finding={finding} />
          </Section>
          {trace.length > 0 ? (
            <Section title="Dataflow">
              <Dataflow steps={trace} />
            </Section>
          ) : null}
          {details.kind === 'dependency' ? (
            <Section title="Advisory">
              <Advisory dep={details as unknown as Dependency} />
            </Section>
          ) : null}
          <Section title="Rule">
            <RuleHelp ruleId={finding.ruleId} />
          </Section>
        </div>
        <div>
          {canTriage(props.session, project) ? (
            <Section title="Triage">
              {finding.triage ? (
                <p>
                  Current decision: <strong>{label(finding.triage.decision)}</strong> by{' '}
                  {finding.triage.actor} — {finding.triage.justification}
                </p>
              ) : null}
              <TriageForm
                idPrefix="triage"
                submitLabel="Record decision"
                onSubmit={async (input) => {
                  await api.triage(project, fingerprint, input);
                  detail.reload();
                  audit.reload();
                }}
              />
            </Section>
          ) : null}
          <Section title="History">
            {triageHistory.length === 0 ? (
              <p class="muted">No triage decisions.</p>
            ) : (
              <ol class="history">
                {triageHistory.map((t, i) => (
                  <li key={i}>
                    <strong>{label(t.decision)}</strong> by {t.actor ?? '—'}, {formatDateTime(t.at)}
                    {t.justification ? <div class="small">{t.justification}</div> : null}
                    {t.expiresAt ? <div class="small">until {formatDate(t.expiresAt)}</div> : null}
                  </li>
                ))}
              </ol>
            )}
          </Section>
          <Section title="Audit entries">
            <ErrorNote error={audit.error} />
            {audit.data === undefined ? null : audit.data.items.length === 0 ? (
              <p class="muted">No audit entries about this finding.</p>
            ) : (
              <ol class="history" data-testid="finding-audit">
                {audit.data.items.map((e) => (
                  <li key={e.seq}>
                    <span class="mono small">#{e.seq}</span> <strong>{e.action}</strong> by {e.actor},{' '}
                    {formatDateTime(e.at)}
                    {e.reason ? <div class="small">{e.reason}</div> : null}
                  </li>
                ))}
              </ol>
            )}
          </Section>
          <Section title="Seen in scans">
            <ul class="plain">
              {scans.slice(0, 20).map((s) => {
                const link = commitUrl(s.pipelineUrl, s.commit);
                return (
                  <li key={s.id}>
                    #{s.id} {s.branch || '—'}{' '}
                    {link ? (
                      <a class="mono" href={link} rel="noreferrer noopener" target="_blank">
                        {shortCommit(s.commit)}
                      </a>
                    ) : (
                      <span class="mono">{shortCommit(s.commit)}</span>
                    )}{' '}
                    {formatDate(s.createdAt)}
                  </li>
                );
              })}
            </ul>
          </Section>
        </div>
      </div>
    </>
  );
}
