import { deliveryCounts } from '../notify/webhooks.js';
import type { Store } from '../store.js';
import { SLA_SEVERITIES, type SlaPolicy } from './sla.js';

/**
 * Prometheus metrics in the text exposition format (version 0.0.4), written by hand: the format is a
 * few lines of grammar and a client library would only add a dependency.
 * https://prometheus.io/docs/instrumenting/exposition_formats/
 */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface Sample {
  /** Appended to the family name (`_bucket`, `_sum`, `_count`); empty for plain samples. */
  suffix?: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** The families as exposition text, in the order given; labels in the order of each sample. */
export function renderExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels)
        .map(([name, value]) => `${name}="${escapeLabel(value)}"`)
        .join(',');
      lines.push(
        `${family.name}${sample.suffix ?? ''}${labels === '' ? '' : `{${labels}}`} ${formatValue(sample.value)}`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

/** A cumulative histogram with fixed upper bounds. */
export class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(readonly bounds: readonly number[]) {
    this.counts = bounds.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    this.bounds.forEach((bound, i) => {
      if (value <= bound) this.counts[i]! += 1;
    });
  }

  samples(labels: Record<string, string> = {}): Sample[] {
    return [
      ...this.bounds.map((bound, i) => ({
        suffix: '_bucket',
        labels: { ...labels, le: String(bound) },
        value: this.counts[i]!,
      })),
      { suffix: '_bucket', labels: { ...labels, le: '+Inf' }, value: this.count },
      { suffix: '_sum', labels, value: this.sum },
      { suffix: '_count', labels, value: this.count },
    ];
  }
}

/** Upper bounds (seconds) of the ingest latency histogram: small uploads to 100k findings. */
export const INGEST_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** What only the process knows (requests served, ingest durations); reset when it restarts. */
export class ProcessMetrics {
  readonly ingestSeconds = new Histogram(INGEST_BUCKETS);
  private readonly requests = new Map<string, { method: string; route: string; status: string; n: number }>();

  /** `route` is the route's template (`/api/v1/projects/:project`), never the raw URL: bounded labels. */
  countRequest(method: string, route: string, status: number): void {
    const key = `${method} ${route} ${status}`;
    const entry = this.requests.get(key);
    if (entry === undefined) this.requests.set(key, { method, route, status: String(status), n: 1 });
    else entry.n += 1;
  }

  requestSamples(): Sample[] {
    return [...this.requests.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => ({ labels: { method: r.method, route: r.route, status: r.status }, value: r.n }));
  }
}

/** Every metric: the store's (grouped queries, never per finding) and the process's. */
export async function collectMetrics(
  store: Store,
  process: ProcessMetrics,
  policy: SlaPolicy,
  now: number,
): Promise<MetricFamily[]> {
  const [findings, scans, sla, deliveries] = await Promise.all([
    store.findingCounts(),
    store.scanCounts(),
    store.slaCounts(policy, now),
    deliveryCounts(store),
  ]);
  return [
    {
      name: 'rampart_findings',
      help: 'Findings stored, by project, severity and lifecycle state.',
      type: 'gauge',
      samples: findings.map((f) => ({
        labels: { project: f.project, severity: f.severity, state: f.state },
        value: f.count,
      })),
    },
    {
      name: 'rampart_scans_ingested_total',
      help: 'Scans ingested and stored, by project and upload format (re-uploads of the same scan are not counted).',
      type: 'counter',
      samples: scans.map((s) => ({ labels: { project: s.project, format: s.format }, value: s.count })),
    },
    {
      name: 'rampart_sla_breaches',
      help: 'Open, untriaged findings past their SLA deadline, by project and severity.',
      type: 'gauge',
      samples: sla.map((s) => ({ labels: { project: s.project, severity: s.severity }, value: s.breached })),
    },
    {
      name: 'rampart_sla_policy_days',
      help: 'Days from first seen to the remediation deadline, by severity.',
      type: 'gauge',
      samples: SLA_SEVERITIES.map((severity) => ({ labels: { severity }, value: policy[severity] })),
    },
    {
      name: 'rampart_ingest_duration_seconds',
      help: 'Time to parse and store an upload, in seconds (this process, since it started).',
      type: 'histogram',
      samples: process.ingestSeconds.samples(),
    },
    {
      name: 'rampart_http_requests_total',
      help: 'HTTP requests answered by method, route template and status (this process, since it started).',
      type: 'counter',
      samples: process.requestSamples(),
    },
    {
      name: 'rampart_webhook_deliveries',
      help: 'Webhook deliveries in the delivery log, by status (pending, delivered, failed).',
      type: 'gauge',
      samples: (['pending', 'delivered', 'failed'] as const).map((status) => ({
        labels: { status },
        value: deliveries.find((d) => d.status === status)?.count ?? 0,
      })),
    },
  ];
}
