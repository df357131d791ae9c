import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
  UsageError,
  countBySeverity,
  loadConfigAsync,
  scan,
  scanDiff,
  scanStaged,
  type FlagValue,
  type LoadedConfig,
  type ScanOptions,
  type ScanResult,
} from '@rampart/core';
import { REPORTERS, isFormatId, type FormatId } from '@rampart/reporters';
import { EXIT, type CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { registeredScanners } from '../registry.js';
import { applyScaFlags, type ScaFlags } from '../sca.js';
import { toolInfo } from '../version.js';
import { commitTime, uploadContext, uploadResult, uploadTarget, type UploadTarget } from './upload.js';

/** `scan --upload <server-url> [--project name]`. */
export interface UploadFlags {
  url: string;
  project?: string;
}

export interface ScanTarget {
  root: string;
  only?: Set<string>;
}

/** Resolve the path argument: a folder is the root; a file is scanned alone from its folder. */
export function resolveTarget(io: CliIo, pathArg: string): ScanTarget {
  const abs = resolve(io.cwd, pathArg);
  let stat;
  try {
    stat = statSync(abs);
  } catch {
    throw new UsageError(`path not found: ${pathArg}`);
  }
  if (stat.isDirectory()) return { root: abs };
  if (stat.isFile()) return { root: dirname(abs), only: new Set([basename(abs)]) };
  throw new UsageError(`not a file or folder: ${pathArg}`);
}

/** `--output file` with one format means `<format>=file`. */
export function normalizeOutputFlag(flags: Record<string, FlagValue>): Record<string, FlagValue> {
  const output = flags.output;
  const format = flags.format;
  if (output === undefined || typeof output === 'boolean') return flags;
  const values = typeof output === 'string' ? [output] : [...output];
  const formats =
    typeof format === 'string'
      ? format.split(',')
      : Array.isArray(format)
        ? format.flatMap((f: string) => f.split(','))
        : [];
  const named = values.filter((v) => v.includes('=')).map((v) => v.slice(0, v.indexOf('=')).trim());
  const repeated = named.find((f, i) => named.indexOf(f) !== i);
  if (repeated !== undefined) throw new UsageError(`--output names format "${repeated}" twice`);
  if (values.length === 1 && !values[0]!.includes('=')) {
    const only =
      formats.length === 1 ? formats[0] : formats.length === 0 ? inferFormat(values[0]!) : undefined;
    if (only === undefined) throw new UsageError('--output without `<format>=` needs exactly one --format');
    return { ...flags, output: [`${only.trim()}=${values[0]!}`] };
  }
  return flags;
}

const EXTENSIONS: Record<string, FormatId> = {
  sarif: 'sarif',
  json: 'json',
  md: 'markdown',
  xml: 'junit',
  html: 'html',
  txt: 'table',
};

function inferFormat(path: string): string | undefined {
  return EXTENSIONS[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
}

export function scanOptionsFor(
  io: CliIo,
  target: ScanTarget,
  loaded: LoadedConfig,
  scaFlags: ScaFlags = {},
): ScanOptions {
  const scanners = registeredScanners();
  return {
    root: target.root,
    // The dependency scanner's section gets its database path and absolute file paths (when it is registered).
    config: scanners.some((s) => s.id === 'sca')
      ? applyScaFlags(io, target.root, loaded.config, scaFlags)
      : loaded.config,
    ...(loaded.document ? { configDocument: loaded.document } : {}),
    scanners,
    tool: toolInfo(),
    displayBase: io.cwd,
    ...(target.only ? { explicitFiles: target.only } : {}),
  };
}

/** `--type` values of `scan --stdin`, and the file name the piped text is scanned as. */
export const STDIN_FILES: Record<string, string> = {
  k8s: 'stdin.yaml',
  kubernetes: 'stdin.yaml',
  yaml: 'stdin.yaml',
  dockerfile: 'Dockerfile',
  terraform: 'stdin.tf',
  compose: 'docker-compose.yml',
  'github-actions': '.github/workflows/stdin.yml',
  'gitlab-ci': '.gitlab-ci.yml',
  javascript: 'stdin.js',
  typescript: 'stdin.ts',
  json: 'stdin.json',
  text: 'stdin.txt',
};
export const STDIN_TYPES = Object.keys(STDIN_FILES);

/**
 * `scan --stdin`: the piped text becomes one file in a private temporary folder (named after `--type`, so the
 * right scanner reads it), scanned with the configuration of the current folder. The folder is removed after.
 */
async function stdinTarget(
  io: CliIo,
  pathArg: string,
  type: string | undefined,
): Promise<{ target: ScanTarget; cleanup: () => void }> {
  if (pathArg !== '.' && pathArg !== '-') throw new UsageError('--stdin scans standard input; give no path');
  const name = STDIN_FILES[type ?? 'text'];
  if (name === undefined) throw new UsageError(`unknown --type "${type}"; known: ${STDIN_TYPES.join(', ')}`);
  if (!io.readStdin) throw new UsageError('standard input is not available');
  let text: string;
  try {
    text = await io.readStdin();
  } catch (error) {
    throw new UsageError(
      `cannot read standard input: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const root = mkdtempSync(join(tmpdir(), 'rampart-stdin-'));
  mkdirSync(dirname(join(root, name)), { recursive: true });
  writeFileSync(join(root, name), text, { mode: 0o600 });
  return { target: { root }, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export async function scanCommand(
  io: CliIo,
  pathArg: string,
  rawFlags: Record<string, FlagValue>,
  scaFlags: ScaFlags = {},
  stdin?: { type: string | undefined },
  upload?: UploadFlags,
): Promise<number> {
  // Checked first: a missing token or a bad URL fails before a long scan, not after it.
  const server = upload ? uploadTarget(io, upload.url, upload.project) : undefined;
  if (!stdin) return scanTarget(io, resolveTarget(io, pathArg), rawFlags, scaFlags, false, server);
  const { target, cleanup } = await stdinTarget(io, pathArg, stdin.type);
  try {
    return await scanTarget(io, target, rawFlags, scaFlags, true, server);
  } finally {
    cleanup();
  }
}

async function scanTarget(
  io: CliIo,
  target: ScanTarget,
  rawFlags: Record<string, FlagValue>,
  scaFlags: ScaFlags,
  fromStdin: boolean,
  server?: UploadTarget,
): Promise<number> {
  const started = Date.now();
  const flags = normalizeOutputFlag(rawFlags);
  // Piped text: the configuration of the current folder applies; paths are shown as the stdin file name.
  const loaded = await loadConfigAsync({
    root: fromStdin ? io.cwd : target.root,
    cwd: io.cwd,
    env: io.env,
    flags,
  });
  const { config } = loaded;
  const formats = [...new Set([...config.format, ...Object.keys(config.output)])];
  for (const f of formats)
    if (!isFormatId(f))
      throw new UsageError(`unknown format "${f}"; known: ${Object.keys(REPORTERS).join(', ')}`);
  const toStdout = formats.filter((f) => config.output[f] === undefined);
  if (toStdout.length > 1)
    throw new UsageError(
      `only one format can go to stdout; give --output for: ${toStdout.slice(1).join(', ')}`,
    );

  const progress = createProgress(io, config.progress);
  const options: ScanOptions = {
    ...scanOptionsFor(io, target, loaded, scaFlags),
    ...(fromStdin && { displayBase: target.root }),
    onProgress: (p) => progress.update(p),
  };
  if (config.staged && config.diffBase !== undefined)
    throw new UsageError('--staged and --diff-base cannot be combined');
  if (server && !config.mask)
    throw new UsageError(
      '--upload cannot be combined with --no-mask: a server never receives secrets in full',
    );
  if (!config.mask)
    io.stderr(
      'rampart: warning: --no-mask shows secrets in full in every output; do not share or upload it\n',
    );
  const result = config.staged
    ? await scanStaged(options)
    : config.diffBase !== undefined
      ? await scanDiff(options, config.diffBase)
      : await scan(options);

  const color =
    config.color === 'always' || (config.color === 'auto' && io.stdoutIsTTY && io.env.NO_COLOR === undefined);
  for (const format of formats as FormatId[]) {
    const output = config.output[format];
    const rendered = REPORTERS[format].render(result, { color: output === undefined && color });
    if (output === undefined) io.stdout(rendered);
    else writeOutput(resolve(io.cwd, output), rendered);
  }
  printDiagnostics(io, result, config.debug);
  progress.done(summary(result, Date.now() - started));
  const code = exitCodeOf(io, result);
  if (server === undefined) return code;
  // Only part of the tree was scanned: the server must not mark the rest as fixed.
  const partial =
    config.staged ||
    config.diffBase !== undefined ||
    config.history ||
    fromStdin ||
    target.only !== undefined;
  const context = await uploadContext(
    io,
    fromStdin ? io.cwd : target.root,
    server,
    partial ? 'partial' : 'full',
  );
  const sbom = await sbomToUpload(io, target, config, scaFlags, partial);
  const rendered = REPORTERS.json.render(result, { color: false });
  const uploaded = await uploadResult(io, server, context, rendered, sbom);
  // The scan's own verdict stands; a failed upload turns only a passing scan into an error.
  return !uploaded && code === EXIT.ok ? EXIT.error : code;
}

/**
 * The SBOM sent with an upload: the `--sbom` file that was scanned, or the tree's lockfiles on a full scan
 * when the dependency scanner is registered. Dated by the commit, so a re-upload sends the same document.
 */
async function sbomToUpload(
  io: CliIo,
  target: ScanTarget,
  config: LoadedConfig['config'],
  scaFlags: ScaFlags,
  partial: boolean,
): Promise<string | object | undefined> {
  if (scaFlags.sbom !== undefined) return readFileSync(resolve(io.cwd, scaFlags.sbom), 'utf8');
  if (partial || !registeredScanners().some((s) => s.id === 'sca')) return undefined;
  const { uploadSbom } = await import('./sbom.js');
  const { sbomTimestamp } = await import('@rampart/scanner-sca/sbom');
  const epoch = io.env.SOURCE_DATE_EPOCH ?? (await commitTime(target.root)) ?? '0';
  return uploadSbom(target.root, config, sbomTimestamp(epoch));
}

function exitCodeOf(io: CliIo, result: ScanResult): number {
  if (!result.policy.passed) return EXIT.policyFailed;
  // Fail closed: a scan that could not read or scan some files did not check them.
  const errors = result.diagnostics.filter((d) => d.level === 'error').length;
  if (errors > 0) {
    io.stderr(`rampart: scan incomplete: ${errors} error${errors === 1 ? '' : 's'} above; exit 2\n`);
    return EXIT.error;
  }
  return EXIT.ok;
}

function writeOutput(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function printDiagnostics(io: CliIo, result: ScanResult, debug: boolean): void {
  const shown = result.diagnostics.filter((d) => debug || d.level !== 'info');
  for (const d of shown) {
    const where = d.path === undefined ? '' : `${d.path}${d.line === undefined ? '' : `:${d.line}`}: `;
    io.stderr(`${d.level}: ${visible(where + d.message)}${d.scanner ? ` [${d.scanner}]` : ''} (${d.code})\n`);
  }
}

/** File names and messages come from the scanned tree: show control characters, never send them to the terminal. */
function visible(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function summary(result: ScanResult, ms: number): string {
  const counts = countBySeverity(result.findings);
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const findings =
    result.findings.length === 0
      ? 'no findings'
      : `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'} (${parts.join(', ')})`;
  const suppressed = result.suppressed.length > 0 ? `, ${result.suppressed.length} suppressed` : '';
  const gate = result.policy.passed ? 'policy passed' : `policy FAILED: ${result.policy.reasons.join('; ')}`;
  const commits =
    result.history && `${result.history.commits} commit${result.history.commits === 1 ? '' : 's'}`;
  const files = `${result.stats.filesScanned} files`;
  const what =
    commits === undefined ? files : result.stats.filesScanned > 0 ? `${files} and ${commits}` : commits;
  return `scanned ${what} in ${(ms / 1000).toFixed(1)}s: ${findings}${suppressed}; ${gate}`;
}
