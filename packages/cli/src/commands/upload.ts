import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { GIT_SAFE_CONFIG, UsageError } from '@rampart/core';
import type { CliIo } from '../io.js';

/**
 * `rampart scan --upload <server-url>`: send the scan's native JSON result, with where it came from
 * (project, branch, commit, CI run), to a Rampart server. The token comes from `RAMPART_TOKEN` only:
 * never from an argument, and it is never printed.
 */

const run = promisify(execFile);
const gzipAsync = promisify(gzip);
const PROJECT = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;
const TOKEN = /^rpt_[A-Za-z0-9_-]{43}$/;

export interface UploadTarget {
  /** The server's base URL, e.g. https://rampart.example.com */
  url: URL;
  token: string;
  /** `--project`, else derived from CI variables, the git remote or the folder name. */
  project: string | undefined;
}

/** Check `--upload` before the scan runs, so that a missing token fails fast. */
export function uploadTarget(io: CliIo, serverUrl: string, project: string | undefined): UploadTarget {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new UsageError(`--upload needs the server's URL (http:// or https://), not "${serverUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--upload needs an http:// or https:// URL, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '')
    throw new UsageError('--upload takes no credentials in the URL: set RAMPART_TOKEN');
  const token = io.env.RAMPART_TOKEN ?? '';
  if (token === '')
    throw new UsageError('--upload needs an API token in the RAMPART_TOKEN environment variable');
  if (!TOKEN.test(token))
    throw new UsageError('RAMPART_TOKEN is not a Rampart API token (rpt_ followed by 43 characters)');
  const named = project ?? io.env.RAMPART_PROJECT;
  if (named !== undefined && !PROJECT.test(named))
    throw new UsageError(`invalid project name "${named}": letters, digits and ._/- (e.g. acme/payments)`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    io.stderr(`rampart: warning: uploading over plain http to ${url.host}: the token travels unencrypted\n`);
  return { url, token, project: named };
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.[0-9.]+$/.test(host);
}

async function git(root: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['-C', root, ...GIT_SAFE_CONFIG, ...args], { timeout: 10_000 });
    const text = stdout.trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The commit's time in seconds since the epoch (what SOURCE_DATE_EPOCH holds), if `root` is in git. */
export async function commitTime(root: string): Promise<string | undefined> {
  const text = await git(root, ['log', '-1', '--format=%ct']);
  return text !== undefined && /^[0-9]+$/.test(text) ? text : undefined;
}

/** The CI run's URL from the variables of GitHub Actions, GitLab CI, Jenkins, CircleCI, Buildkite or Azure. */
export function pipelineUrlFromEnv(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.RAMPART_PIPELINE_URL) return env.RAMPART_PIPELINE_URL;
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID)
    return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  if (env.CI_PIPELINE_URL) return env.CI_PIPELINE_URL;
  if (env.BUILD_URL) return env.BUILD_URL;
  if (env.CIRCLE_BUILD_URL) return env.CIRCLE_BUILD_URL;
  if (env.BUILDKITE_BUILD_URL) return env.BUILDKITE_BUILD_URL;
  if (env.SYSTEM_COLLECTIONURI && env.SYSTEM_TEAMPROJECT && env.BUILD_BUILDID)
    return `${env.SYSTEM_COLLECTIONURI}${env.SYSTEM_TEAMPROJECT}/_build/results?buildId=${env.BUILD_BUILDID}`;
  return undefined;
}

/** `owner/repo` from a git remote URL (https, ssh or scp-like), without `.git`. */
export function projectFromRemote(remote: string): string | undefined {
  const path =
    /^[^@/]+@[^:]+:(.+)$/.exec(remote)?.[1] ??
    (() => {
      try {
        return new URL(remote).pathname;
      } catch {
        return undefined;
      }
    })();
  if (path === undefined) return undefined;
  // Slashes trimmed by hand: a `/+$` pattern backtracks polynomially on long runs of slashes.
  let start = 0;
  let end = path.length;
  while (start < end && path[start] === '/') start += 1;
  while (end > start && path[end - 1] === '/') end -= 1;
  const trimmed = path.slice(start, end);
  const name = trimmed.endsWith('.git') ? trimmed.slice(0, -4) : trimmed;
  return PROJECT.test(name) ? name : undefined;
}

export interface UploadContext {
  project: string;
  branch?: string;
  commit?: string;
  pipelineUrl?: string;
  kind: 'full' | 'partial';
}

/** Where the scan came from: CI variables first (CI checkouts are often detached), then git. */
export async function uploadContext(
  io: CliIo,
  root: string,
  target: UploadTarget,
  kind: 'full' | 'partial',
): Promise<UploadContext> {
  const env = io.env;
  const remote = await git(root, ['config', '--get', 'remote.origin.url']);
  const project =
    target.project ??
    env.GITHUB_REPOSITORY ??
    env.CI_PROJECT_PATH ??
    (remote !== undefined ? projectFromRemote(remote) : undefined) ??
    basename(root)
      .replace(/[^A-Za-z0-9._/-]/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '');
  if (!PROJECT.test(project))
    throw new UsageError(`cannot name the project from "${project}": pass --project <name>`);
  const detached = await git(root, ['rev-parse', '--abbrev-ref', 'HEAD']);
  const branch =
    env.RAMPART_BRANCH ??
    env.GITHUB_HEAD_REF ??
    env.GITHUB_REF_NAME ??
    env.CI_COMMIT_REF_NAME ??
    (detached !== undefined && detached !== 'HEAD' ? detached : undefined);
  const commit = (await git(root, ['rev-parse', 'HEAD'])) ?? env.GITHUB_SHA ?? env.CI_COMMIT_SHA;
  const pipelineUrl = pipelineUrlFromEnv(env);
  return {
    project,
    kind,
    ...(branch !== undefined && branch !== '' ? { branch } : {}),
    ...(commit !== undefined && /^[0-9a-fA-F]{7,64}$/.test(commit) ? { commit } : {}),
    ...(pipelineUrl !== undefined && /^https?:\/\//.test(pipelineUrl) ? { pipelineUrl } : {}),
  };
}

interface IngestAnswer {
  components: number;
  scanId: number;
  duplicate: boolean;
  findings: number;
  created: number;
  reopened: number;
  fixed: number;
}

/** Send the result; returns true when the server recorded it. Problems are printed, never thrown. */
export async function uploadResult(
  io: CliIo,
  target: UploadTarget,
  context: UploadContext,
  resultJson: string,
  sbom?: string | object,
): Promise<boolean> {
  const { project, ...rest } = context;
  // The result is already JSON text: wrap it without parsing it again.
  const fields = sbom === undefined ? rest : { ...rest, sbom };
  const envelope = `${JSON.stringify(fields).slice(0, -1)},"report":${resultJson.trim()}}`;
  const body = await gzipAsync(Buffer.from(envelope, 'utf8'));
  const endpoint = new URL(`api/v1/projects/${encodeURIComponent(project)}/scans`, withSlash(target.url));
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${target.token}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'user-agent': 'rampart-cli',
      },
      body,
      // A redirect could carry the token elsewhere.
      redirect: 'error',
      signal: AbortSignal.timeout(300_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    io.stderr(
      `rampart: upload failed: cannot reach ${target.url.origin}: ${cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))}\n`,
    );
    return false;
  }
  const text = await response.text().catch(() => '');
  let message: string;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } };
    message = parsed.error?.message ?? '';
  } catch {
    message = '';
  }
  if (response.ok) {
    let answer: IngestAnswer;
    try {
      answer = JSON.parse(text) as IngestAnswer;
    } catch {
      io.stderr(
        `rampart: upload failed: ${target.url.origin} answered ${response.status} without a JSON body\n`,
      );
      return false;
    }
    io.stderr(
      answer.duplicate
        ? `rampart: uploaded to ${target.url.origin}: project ${project} had this scan already (scan ${answer.scanId})\n`
        : `rampart: uploaded to ${target.url.origin}: project ${project}, scan ${answer.scanId}: ${answer.findings} findings ` +
            `(${answer.created} new, ${answer.reopened} reopened, ${answer.fixed} fixed)` +
            (answer.components > 0 ? `, ${answer.components} components` : '') +
            '\n',
    );
    return true;
  }
  const why: Record<number, string> = {
    401: 'the server does not accept RAMPART_TOKEN (unknown, expired or revoked)',
    403: `RAMPART_TOKEN may not upload to project "${project}"`,
    413: 'the result is larger than the server accepts',
    415: 'the server refused the upload format',
    429: `too many uploads; retry after ${response.headers.get('retry-after') ?? 'a while'} s`,
  };
  const reason =
    why[response.status] ??
    (response.status >= 500 ? `the server failed (HTTP ${response.status})` : `HTTP ${response.status}`);
  io.stderr(`rampart: upload failed: ${reason}${message !== '' ? `: ${message}` : ''}\n`);
  return false;
}

function withSlash(url: URL): URL {
  const copy = new URL(url.href);
  if (!copy.pathname.endsWith('/')) copy.pathname += '/';
  copy.search = '';
  copy.hash = '';
  return copy;
}
