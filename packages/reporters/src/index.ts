/**
 * @rampart/reporters: pure functions from a scan result to text in each output format. No reporter
 * reads the environment, the clock or the file system; the same result always renders the same bytes.
 */
import type { ScanResult } from '@rampart/core/model';
import type { ReportContext } from './context.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';

export { DEFAULT_CONTEXT, type ReportContext } from './context.js';
export { renderHtml } from './html.js';
export { renderJson, RESULT_SCHEMA_URI, toJsonDocument, type ResultDocument } from './json.js';
export { renderJunit } from './junit.js';
export { renderMarkdown } from './markdown.js';
export { renderSarif, SARIF_SCHEMA_URI, toSarifLog } from './sarif.js';
export { renderTable } from './table.js';

/** A reporter: renders a whole scan result as one string. Pure and deterministic. */
export type Reporter = (result: ScanResult, context?: ReportContext) => string;

/** Ids of the output formats, as the CLI's `--format` accepts them. */
export const FORMAT_IDS = ['table', 'json', 'sarif', 'markdown', 'junit', 'html'] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

export function isFormatId(value: unknown): value is FormatId {
  return typeof value === 'string' && (FORMAT_IDS as readonly string[]).includes(value);
}

export interface ReporterDefinition {
  id: FormatId;
  /** Human name, for `--help` and docs. */
  title: string;
  /** Extension for files written in this format, with the leading dot. */
  fileExtension: string;
  render: Reporter;
}

/** Every output format, keyed by id. The one place a new format is registered. */
export const REPORTERS: Readonly<Record<FormatId, ReporterDefinition>> = {
  table: { id: 'table', title: 'Terminal table', fileExtension: '.txt', render: renderTable },
  json: { id: 'json', title: 'JSON (rampart result format 1)', fileExtension: '.json', render: renderJson },
  sarif: { id: 'sarif', title: 'SARIF 2.1.0', fileExtension: '.sarif', render: renderSarif },
  markdown: {
    id: 'markdown',
    title: 'Markdown (pull-request comment)',
    fileExtension: '.md',
    render: renderMarkdown,
  },
  junit: { id: 'junit', title: 'JUnit XML', fileExtension: '.xml', render: renderJunit },
  html: { id: 'html', title: 'HTML (self-contained)', fileExtension: '.html', render: renderHtml },
};
