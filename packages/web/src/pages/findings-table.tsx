import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../api.js';
import { canTriage } from '../access.js';
import { TriageForm } from '../components/triage-form.js';
import { ErrorNote, Link, SeverityBadge, StateBadge, useAsync } from '../components/ui.js';
import { formatCount, formatDate } from '../format.js';
import { findingPath, navigate, useLocation } from '../router.js';
import { SEVERITIES, STATES, type Session } from '../types.js';

const PAGE_SIZE = 50;
const SORTS = [
  ['severity', 'Severity'],
  ['rule', 'Rule'],
  ['path', 'Location'],
  ['state', 'State'],
  ['firstSeen', 'First seen'],
] as const;

/** The table's state lives in the URL, so a filtered view can be linked to and survives reloads. */
function readFilters(query: URLSearchParams) {
  return {
    q: query.get('q') ?? '',
    severity: query.getAll('severity'),
    state: query.getAll('state'),
    scanner: query.get('scanner') ?? '',
    rule: query.get('rule') ?? '',
    path: query.get('path') ?? '',
    cwe: query.get('cwe') ?? '',
    triaged: query.get('triaged') ?? '',
    sort: query.get('sort') ?? 'severity',
    order: query.get('order') === 'desc' ? 'desc' : 'asc',
    offset: Math.max(0, Number(query.get('offset') ?? '0') || 0),
  };
}
type Filters = ReturnType<typeof readFilters>;

function writeFilters(path: string, filters: Filters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else if (
      value !== '' &&
      value !== 0 &&
      !(key === 'sort' && value === 'severity') &&
      !(key === 'order' && value === 'asc')
    )
      params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

export function FindingsTable({ project, session }: { project: string; session: Session }) {
  const { path, query } = useLocation();
  const filters = readFilters(query);
  const key = query.toString();
  const page = useAsync(
    () =>
      api.findingTable(project, {
        q: filters.q,
        severity: filters.severity,
        state: filters.state,
        scanner: filters.scanner,
        rule: filters.rule,
        path: filters.path,
        cwe: filters.cwe,
        triaged: filters.triaged,
        sort: filters.sort,
        order: filters.order,
        offset: filters.offset,
        limit: PAGE_SIZE,
      }),
    [project, key],
  );
  // The filter choices load after the first page: the table is what the reader waits for.
  const firstPageShown = page.data !== undefined;
  const facets = useAsync(
    () => (firstPageShown ? api.facets(project) : Promise.resolve(undefined)),
    [project, firstPageShown],
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState('');
  useEffect(() => setSelected(new Set()), [project, key]);
  const [draft, setDraft] = useState({ q: filters.q, path: filters.path, cwe: filters.cwe });
  useEffect(() => setDraft({ q: filters.q, path: filters.path, cwe: filters.cwe }), [key]);

  const go = (change: Partial<Filters>) =>
    navigate(writeFilters(path, { ...filters, offset: 0, ...change }), { replace: true });
  const items = page.data?.items ?? [];
  const total = page.data?.total ?? 0;
  const triage = canTriage(session, project);
  const allSelected = items.length > 0 && items.every((f) => selected.has(f.fingerprint));
  const rules = useMemo(
    () => (facets.data?.rules ?? []).filter((r) => filters.scanner === '' || r.scanner === filters.scanner),
    [facets.data, filters.scanner],
  );

  const sortHeader = (keyName: string, text: string) => {
    const active = filters.sort === keyName;
    const next = active && filters.order === 'asc' ? 'desc' : 'asc';
    return (
      <th scope="col" aria-sort={active ? (filters.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button type="button" class="sort" onClick={() => go({ sort: keyName, order: next })}>
          {text}
          <span aria-hidden="true">{active ? (filters.order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <>
      <form
        class="filters"
        role="search"
        aria-label="Filter findings"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: draft.q.trim(), path: draft.path.trim(), cwe: draft.cwe.trim().toUpperCase() });
        }}
      >
        <label>
          Search
          <input
            type="search"
            name="q"
            placeholder="words in title, message, path, rule"
            value={draft.q}
            maxLength={200}
            onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })}
          />
        </label>
        <label>
          Severity
          <select
            value={filters.severity[0] ?? ''}
            onChange={(e) => go({ severity: e.currentTarget.value === '' ? [] : [e.currentTarget.value] })}
          >
            <option value="">any</option>
            {SEVERITIES.map((s) => (
              <option value={s} key={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          State
          <select
            value={filters.state.length === 3 ? 'unresolved' : (filters.state[0] ?? '')}
            onChange={(e) => {
              const v = e.currentTarget.value;
              go({ state: v === '' ? [] : v === 'unresolved' ? ['new', 'open', 'reopened'] : [v] });
            }}
          >
            <option value="">any</option>
            <option value="unresolved">unresolved</option>
            {STATES.map((s) => (
              <option value={s} key={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Triage
          <select value={filters.triaged} onChange={(e) => go({ triaged: e.currentTarget.value })}>
            <option value="">any</option>
            <option value="false">untriaged</option>
            <option value="true">triaged</option>
          </select>
        </label>
        <label>
          Scanner
          <select value={filters.scanner} onChange={(e) => go({ scanner: e.currentTarget.value, rule: '' })}>
            <option value="">any</option>
            {(facets.data?.scanners ?? []).map((s) => (
              <option value={s.scanner} key={s.scanner}>
                {s.scanner} ({formatCount(s.count)})
              </option>
            ))}
          </select>
        </label>
        <label>
          Rule
          <select value={filters.rule} onChange={(e) => go({ rule: e.currentTarget.value })}>
            <option value="">any</option>
            {rules.map((r) => (
              <option value={r.ruleId} key={`${r.scanner} ${r.ruleId}`}>
                {r.ruleId} ({formatCount(r.count)})
              </option>
            ))}
          </select>
        </label>
        <label>
          Path prefix
          <input
            name="path"
            value={draft.path}
            maxLength={4096}
            placeholder="src/"
            onInput={(e) => setDraft({ ...draft, path: e.currentTarget.value })}
          />
        </label>
        <label>
          CWE
          <input
            name="cwe"
            value={draft.cwe}
            size={9}
            pattern="[Cc][Ww][Ee]-[0-9]{1,6}"
            placeholder="CWE-79"
            onInput={(e) => setDraft({ ...draft, cwe: e.currentTarget.value })}
          />
        </label>
        <div class="filter-actions">
          <button type="submit">Apply</button>
          <button type="button" class="ghost" onClick={() => navigate(path, { replace: true })}>
            Clear
          </button>
        </div>
      </form>
      <ErrorNote error={page.error} />
      <div class="table-head">
        <p aria-live="polite" data-testid="findings-count">
          {page.data === undefined
            ? 'Loading…'
            : total === 0
              ? 'No findings match.'
              : `${formatCount(filters.offset + 1)}–${formatCount(filters.offset + items.length)} of ${formatCount(total)} findings`}
        </p>
        <Pager offset={filters.offset} total={total} onGo={(offset) => go({ ...filters, offset })} />
      </div>
      {triage && selected.size > 0 ? (
        <details class="bulk card" open>
          <summary>Triage {selected.size} selected findings</summary>
          <TriageForm
            idPrefix="bulk"
            submitLabel={`Triage ${selected.size} findings`}
            onSubmit={async (input) => {
              const result = await api.bulkTriage(project, { ...input, fingerprints: [...selected] });
              setNotice(`Recorded the decision on ${result.changed} findings.`);
              setSelected(new Set());
              page.reload();
            }}
          />
        </details>
      ) : null}
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <div class="table-wrap">
        <table class="findings" data-testid="findings-table" aria-busy={page.loading}>
          <thead>
            <tr>
              {triage ? (
                <th scope="col" class="check">
                  <input
                    type="checkbox"
                    aria-label="Select every finding on this page"
                    checked={allSelected}
                    onChange={() =>
                      setSelected(allSelected ? new Set() : new Set(items.map((f) => f.fingerprint)))
                    }
                  />
                </th>
              ) : null}
              {sortHeader('severity', 'Severity')}
              <th scope="col">Finding</th>
              {SORTS.slice(1).map(([k, text]) => sortHeader(k, text))}
            </tr>
          </thead>
          <tbody>
            {items.map((f) => (
              <tr key={f.fingerprint}>
                {triage ? (
                  <td class="check">
                    <input
                      type="checkbox"
                      aria-label={`Select ${f.title} in ${f.path}`}
                      checked={selected.has(f.fingerprint)}
                      onChange={() => {
                        const next = new Set(selected);
                        if (next.has(f.fingerprint)) next.delete(f.fingerprint);
                        else next.add(f.fingerprint);
                        setSelected(next);
                      }}
                    />
                  </td>
                ) : null}
                <td>
                  <SeverityBadge severity={f.severity} />
                </td>
                <td>
                  <Link href={findingPath(project, f.fingerprint)}>{f.title}</Link>
                  {f.cwe.length > 0 ? <span class="muted small"> {f.cwe.join(', ')}</span> : null}
                </td>
                <td class="mono small">{f.ruleId}</td>
                <td class="mono small path">
                  {f.path}:{f.startLine}
                </td>
                <td>
                  <StateBadge state={f.state} triage={f.triage} />
                </td>
                <td>{formatDate(f.firstSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-head">
        <span />
        <Pager offset={filters.offset} total={total} onGo={(offset) => go({ ...filters, offset })} />
      </div>
    </>
  );
}

function Pager(props: { offset: number; total: number; onGo: (offset: number) => void }) {
  const { offset, total } = props;
  if (total <= PAGE_SIZE) return null;
  const last = Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" class="ghost" disabled={offset === 0} onClick={() => props.onGo(0)}>
        First
      </button>
      <button
        type="button"
        class="ghost"
        disabled={offset === 0}
        onClick={() => props.onGo(Math.max(0, offset - PAGE_SIZE))}
      >
        Previous
      </button>
      <span class="muted">
        page {formatCount(offset / PAGE_SIZE + 1)} of {formatCount(last / PAGE_SIZE + 1)}
      </span>
      <button
        type="button"
        class="ghost"
        disabled={offset >= last}
        onClick={() => props.onGo(offset + PAGE_SIZE)}
      >
        Next
      </button>
      <button type="button" class="ghost" disabled={offset >= last} onClick={() => props.onGo(last)}>
        Last
      </button>
    </nav>
  );
}
