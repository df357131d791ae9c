import { createHmac } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { WebhookEventType, WebhookFormat } from '../db/schema.js';
import { SEVERITIES, type Severity } from '../ingest/model.js';

/**
 * What a notification says, independent of where it goes: the generic envelope is what is stored in the
 * delivery log and sent as is to `generic` webhooks; Slack and Teams messages are rendered from it at
 * send time. Renderers are pure functions of the envelope.
 */
export type NotificationType = WebhookEventType | 'ping';

/** At most this many findings (or advisories) are listed in one notification; counts cover the rest. */
export const LISTED_MAX = 20;
const MESSAGE_MAX = 500;

export interface FindingSummary {
  fingerprint: string;
  severity: Severity;
  ruleId: string;
  title: string;
  /** The finding's message (masked by the scanner), truncated. */
  message: string;
  path: string;
  line: number;
  state: string;
}

export interface NewFindingsData {
  scan: { id: number; branch: string; commit: string; pipelineUrl: string | null };
  minSeverity: Severity;
  /** New or reopened findings at or above `minSeverity`, per severity. */
  counts: Partial<Record<Severity, number>>;
  total: number;
  /** The first `LISTED_MAX`, most severe first. */
  findings: FindingSummary[];
}

export interface SlaBreachData {
  minSeverity: Severity;
  counts: Partial<Record<Severity, number>>;
  total: number;
  findings: (FindingSummary & { firstSeenAt: number; dueAt: number })[];
}

export interface ProjectAffectedData {
  branch: string;
  scanId: number;
  /** Findings the zero-day watch created or reopened. */
  findings: number;
  /** The first `LISTED_MAX` advisory ids (sorted). */
  advisories: string[];
  totalAdvisories: number;
}

export interface PingData {
  webhook: { id: number; name: string };
  message: string;
}

export type Envelope =
  | { id: string; type: 'findings.new'; at: number; project: string; data: NewFindingsData }
  | { id: string; type: 'sla.breached'; at: number; project: string; data: SlaBreachData }
  | { id: string; type: 'project.affected'; at: number; project: string; data: ProjectAffectedData }
  | { id: string; type: 'ping'; at: number; project: null; data: PingData };

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export function truncateMessage(text: string): string {
  return truncate(text, MESSAGE_MAX);
}

function countsText(counts: Partial<Record<Severity, number>>): string {
  return SEVERITIES.filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A format-neutral reading of an envelope: a title, facts, and list lines. */
interface Summary {
  title: string;
  facts: { name: string; value: string }[];
  items: { severity?: Severity; text: string; detail: string }[];
  /** How many items were not listed. */
  more: number;
}

function summarise(envelope: Envelope): Summary {
  switch (envelope.type) {
    case 'findings.new': {
      const d = envelope.data;
      return {
        title: `${plural(d.total, `new ${d.minSeverity}+ finding`)} in ${envelope.project}`,
        facts: [
          { name: 'Project', value: envelope.project },
          { name: 'Branch', value: d.scan.branch === '' ? '(none)' : d.scan.branch },
          { name: 'Commit', value: d.scan.commit === '' ? '(none)' : d.scan.commit.slice(0, 12) },
          { name: 'Scan', value: String(d.scan.id) },
          { name: 'Severities', value: countsText(d.counts) },
          ...(d.scan.pipelineUrl !== null ? [{ name: 'Pipeline', value: d.scan.pipelineUrl }] : []),
        ],
        items: d.findings.map((f) => ({
          severity: f.severity,
          text: `${f.ruleId}: ${f.title}`,
          detail: `${f.path}:${f.line}${f.state === 'reopened' ? ' (reopened)' : ''}`,
        })),
        more: d.total - d.findings.length,
      };
    }
    case 'sla.breached': {
      const d = envelope.data;
      return {
        title: `${plural(d.total, 'finding')} in ${envelope.project} passed the SLA deadline`,
        facts: [
          { name: 'Project', value: envelope.project },
          { name: 'Severities', value: countsText(d.counts) },
        ],
        items: d.findings.map((f) => ({
          severity: f.severity,
          text: `${f.ruleId}: ${f.title}`,
          detail: `${f.path}:${f.line}, due ${new Date(f.dueAt).toISOString().slice(0, 10)}`,
        })),
        more: d.total - d.findings.length,
      };
    }
    case 'project.affected': {
      const d = envelope.data;
      return {
        title: `${envelope.project} is affected by ${plural(d.totalAdvisories, 'newly matched advisory', 'newly matched advisories')}`,
        facts: [
          { name: 'Project', value: envelope.project },
          { name: 'Branch', value: d.branch === '' ? '(none)' : d.branch },
          { name: 'Scan', value: String(d.scanId) },
          { name: 'Findings', value: String(d.findings) },
        ],
        items: d.advisories.map((id) => ({ text: id, detail: '' })),
        more: d.totalAdvisories - d.advisories.length,
      };
    }
    case 'ping':
      return {
        title: `Test notification for webhook "${envelope.data.webhook.name}"`,
        facts: [{ name: 'Webhook', value: String(envelope.data.webhook.id) }],
        items: [],
        more: 0,
      };
  }
}

/** Slack's mrkdwn control characters (links, mentions) as entities: text from findings stays text. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A Slack incoming-webhook message: `text` (notifications, fallback) and Block Kit `blocks`. */
export function slackMessage(envelope: Envelope): object {
  const summary = summarise(envelope);
  const title = `Rampart: ${summary.title}`;
  const blocks: object[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, 150), emoji: false } },
    {
      type: 'section',
      fields: summary.facts.slice(0, 10).map((f) => ({
        type: 'mrkdwn',
        text: truncate(`*${f.name}*\n${slackEscape(f.value)}`, 2000),
      })),
    },
  ];
  if (summary.items.length > 0) {
    const lines = summary.items.map((item) => {
      const severity = item.severity === undefined ? '' : `*${item.severity.toUpperCase()}* `;
      const detail = item.detail === '' ? '' : ` (${slackEscape(item.detail)})`;
      return `• ${severity}${slackEscape(item.text)}${detail}`;
    });
    if (summary.more > 0) lines.push(`…and ${summary.more} more`);
    // A section's text holds at most 3000 characters.
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), 3000) } });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: slackEscape(`${envelope.type} · ${envelope.id}`) }],
  });
  return { text: slackEscape(title), blocks };
}

/**
 * The markdown that Teams' TextBlocks and FactSets would interpret (emphasis, links, code), escaped so that
 * text from findings stays text.
 */
function teamsEscape(text: string): string {
  return text.replace(/[\\`*_[\]<>~]/g, (c) => `\\${c}`);
}

/** A Teams (incoming webhook or Workflows) message carrying one Adaptive Card. */
export function teamsMessage(envelope: Envelope): object {
  const summary = summarise(envelope);
  const body: object[] = [
    {
      type: 'TextBlock',
      text: teamsEscape(`Rampart: ${summary.title}`),
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
    },
    {
      type: 'FactSet',
      facts: summary.facts.map((f) => ({ title: f.name, value: teamsEscape(f.value) })),
    },
  ];
  for (const item of summary.items) {
    const severity = item.severity === undefined ? '' : `**${item.severity.toUpperCase()}** `;
    const detail = item.detail === '' ? '' : ` (${teamsEscape(item.detail)})`;
    body.push({ type: 'TextBlock', text: `${severity}${teamsEscape(item.text)}${detail}`, wrap: true });
  }
  if (summary.more > 0)
    body.push({ type: 'TextBlock', text: `…and ${summary.more} more`, wrap: true, isSubtle: true });
  body.push({
    type: 'TextBlock',
    text: teamsEscape(`${envelope.type} · ${envelope.id}`),
    wrap: true,
    isSubtle: true,
    size: 'Small',
  });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
        },
      },
    ],
  };
}

/** The request body for a webhook of this format. */
export function renderBody(format: WebhookFormat, envelope: Envelope): string {
  switch (format) {
    case 'generic':
      return canonicalJson(envelope);
    case 'slack':
      return JSON.stringify(slackMessage(envelope));
    case 'teams':
      return JSON.stringify(teamsMessage(envelope));
  }
}

/**
 * `sha256=<hex HMAC-SHA256 over "<timestamp>.<body>">`. Binding the timestamp lets receivers refuse old
 * (replayed) requests; receivers compare in constant time.
 */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of every delivery (all formats: chat services ignore them). */
export function deliveryHeaders(
  envelope: Pick<Envelope, 'type'>,
  deliveryId: number,
  secret: string,
  body: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    'content-type': 'application/json',
    'user-agent': 'Rampart-Webhook/1',
    'x-rampart-event': envelope.type,
    'x-rampart-delivery': String(deliveryId),
    'x-rampart-timestamp': timestamp,
    'x-rampart-signature': signature(secret, timestamp, body),
  };
}
