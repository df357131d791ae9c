import { useState } from 'preact/hooks';
import { ErrorNote } from './ui.js';

export interface TriageInput {
  decision: string;
  justification: string;
  approver?: string;
  expiresAt?: number;
}

const DECISIONS = [
  ['false_positive', 'False positive'],
  ['accepted_risk', 'Accepted risk'],
  ['mitigated', 'Mitigated'],
  ['none', 'Withdraw the decision'],
] as const;

/** A triage decision with its required justification (and approver and expiry for an accepted risk). */
export function TriageForm(props: {
  idPrefix: string;
  submitLabel: string;
  disabled?: boolean;
  onSubmit: (input: TriageInput) => Promise<unknown>;
}) {
  const [decision, setDecision] = useState('false_positive');
  const [justification, setJustification] = useState('');
  const [approver, setApprover] = useState('');
  const [expires, setExpires] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const id = props.idPrefix;
  const submit = (event: Event) => {
    event.preventDefault();
    if (justification.trim() === '') {
      setError(new Error('A justification is required.'));
      return;
    }
    const input: TriageInput = { decision, justification: justification.trim() };
    if (decision === 'accepted_risk') {
      input.approver = approver.trim();
      const at = Date.parse(`${expires}T00:00:00Z`);
      if (Number.isNaN(at)) {
        setError(new Error('An accepted risk needs an expiry date.'));
        return;
      }
      input.expiresAt = at;
    }
    setBusy(true);
    setError(undefined);
    props.onSubmit(input).then(
      () => {
        setBusy(false);
        setJustification('');
      },
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return (
    <form class="triage stack" onSubmit={submit}>
      <label for={`${id}-decision`}>Decision</label>
      <select id={`${id}-decision`} value={decision} onChange={(e) => setDecision(e.currentTarget.value)}>
        {DECISIONS.map(([value, text]) => (
          <option value={value} key={value}>
            {text}
          </option>
        ))}
      </select>
      <label for={`${id}-justification`}>Justification (required)</label>
      <textarea
        id={`${id}-justification`}
        required
        maxLength={4000}
        rows={3}
        value={justification}
        onInput={(e) => setJustification(e.currentTarget.value)}
      />
      {decision === 'accepted_risk' ? (
        <>
          <label for={`${id}-approver`}>Approver</label>
          <input
            id={`${id}-approver`}
            required
            maxLength={200}
            value={approver}
            onInput={(e) => setApprover(e.currentTarget.value)}
          />
          <label for={`${id}-expires`}>Review again by (UTC date)</label>
          <input
            id={`${id}-expires`}
            type="date"
            required
            value={expires}
            onInput={(e) => setExpires(e.currentTarget.value)}
          />
        </>
      ) : null}
      <button type="submit" disabled={busy || props.disabled === true}>
        {busy ? 'Saving…' : props.submitLabel}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
