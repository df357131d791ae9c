import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ErrorNote, Loading, Section, useAsync } from '../components/ui.js';
import { formatCount, formatDateTime } from '../format.js';

/** The audit log, newest first, with the result of verifying its hash chain and signatures. */
export function AuditPage() {
  const [before, setBefore] = useState<number[]>([]);
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState('');
  const cursor = before[before.length - 1];
  const entries = useAsync(
    () =>
      api.auditEntries({
        limit: 50,
        ...(cursor !== undefined && { before: cursor }),
        ...(filter !== '' && { action: filter }),
      }),
    [cursor, filter],
  );
  const verify = useAsync(() => api.verifyAudit(), []);
  return (
    <>
      <h1>Audit log</h1>
      <Section title="Verification">
        <ErrorNote error={verify.error} />
        {verify.data === undefined ? (
          verify.error ? null : (
            <Loading />
          )
        ) : (
          <p data-testid="audit-verify" class={verify.data.ok ? 'ok' : 'error'} role="status">
            {verify.data.ok ? 'Verified: ' : 'VERIFICATION FAILED: '}
            {formatCount(verify.data.entries)} entries, {formatCount(verify.data.checkpoints)} signed
            checkpoints, sealed through #{verify.data.sealedThrough}
            {verify.data.unsealed > 0 ? `, ${verify.data.unsealed} not sealed yet` : ''}.
          </p>
        )}
        {verify.data?.problems.map((p) => (
          <p key={`${p.seq} ${p.kind}`} class="error">
            #{p.seq} {p.kind}: {p.message}
          </p>
        ))}
        <p class="small">
          <a href="/api/v1/audit/export" download>
            Export the log (JSON lines)
          </a>{' '}
          to verify it offline with <code>rampart audit verify</code>.
        </p>
      </Section>
      <Section title="Entries">
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault();
            setBefore([]);
            setFilter(action.trim());
          }}
        >
          <label>
            Action
            <input
              name="action"
              placeholder="finding.triaged"
              value={action}
              maxLength={100}
              onInput={(e) => setAction(e.currentTarget.value)}
            />
          </label>
          <div class="filter-actions">
            <button type="submit">Filter</button>
          </div>
        </form>
        <ErrorNote error={entries.error} />
        {entries.data === undefined ? null : (
          <>
            <table data-testid="audit-entries">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((e) => (
                  <tr key={e.seq}>
                    <td class="mono">{e.seq}</td>
                    <td>{formatDateTime(e.at)}</td>
                    <td>{e.actor}</td>
                    <td class="mono">{e.action}</td>
                    <td class="mono small">{e.target}</td>
                    <td>{e.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav class="pager" aria-label="Audit pages">
              <button
                type="button"
                class="ghost"
                disabled={before.length === 0}
                onClick={() => setBefore(before.slice(0, -1))}
              >
                Newer
              </button>
              <button
                type="button"
                class="ghost"
                disabled={entries.data.nextBefore === null}
                onClick={() => setBefore([...before, entries.data!.nextBefore!])}
              >
                Older
              </button>
            </nav>
          </>
        )}
      </Section>
    </>
  );
}
