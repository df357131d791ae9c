import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { DownloadError } from './errors.js';

/**
 * One resumable, verified HTTP download. An interrupted transfer stays on disk as `<dest>.part`, with
 * the server's validator (ETag or Last-Modified) and checksums in `<dest>.part.json`; the next attempt
 * asks only for the rest (`Range` + `If-Range`) and starts over when the server sends the whole file.
 *
 * What is verified, after the last byte arrived:
 * - the byte count against `Content-Length` / `Content-Range`;
 * - the MD5 from Google Cloud Storage's `x-goog-hash` header when present, else its CRC32C;
 * - the SHA-256 in a `<url>.sha256` file, when the server has one (`<hex>` or `<hex>  <name>`).
 * These catch damaged or spliced transfers; authenticity comes from HTTPS itself.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface DownloadOptions {
  url: string;
  dest: string;
  fetch: FetchLike;
  /** Validators of the copy already held: a 304 answer means it is current. */
  current?: { etag?: string; lastModified?: string };
  /** Refuse bodies larger than this. */
  maxBytes: number;
  /** Abort when nothing arrives for this long (connecting, headers or body). */
  timeoutMs: number;
  /** Further attempts after a network error, a timeout or a 5xx answer (resuming where possible). */
  retries: number;
  retryDelayMs: number;
  onProgress?: (bytes: number, total: number | undefined) => void;
}

export type DownloadResult =
  | { status: 'not-modified' }
  | {
      status: 'downloaded';
      path: string;
      size: number;
      etag?: string;
      lastModified?: string;
      sha256: string;
      /** Checks that passed: 'md5', 'crc32c', 'sha256-file'. Empty when the server offered none. */
      verified: string[];
      /** Whether the body was assembled from more than one request. */
      resumed: boolean;
    };

interface PartMeta {
  url: string;
  etag?: string;
  lastModified?: string;
  md5?: string;
  crc32c?: string;
}

/** An error worth another attempt (network, timeout, 5xx, an incomplete or mismatched body). */
class Retryable extends Error {}

export async function download(options: DownloadOptions): Promise<DownloadResult> {
  const { url } = options;
  const part = `${options.dest}.part`;
  const metaPath = `${part}.json`;
  let resumed = false;
  let lastError: unknown;
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await sleep(options.retryDelayMs * attempt);
    try {
      const outcome = await attemptOnce(options, part, metaPath);
      if (outcome.kind === 'not-modified') {
        await rm(part, { force: true });
        await rm(metaPath, { force: true });
        return { status: 'not-modified' };
      }
      resumed ||= outcome.resumed;
      const meta = outcome.meta;
      const verified = await verify(options, part, meta, outcome.resumed);
      await rename(part, options.dest);
      await rm(metaPath, { force: true });
      const result: DownloadResult = {
        status: 'downloaded',
        path: options.dest,
        size: (await stat(options.dest)).size,
        sha256: verified.sha256,
        verified: verified.checks,
        resumed,
      };
      if (meta.etag) result.etag = meta.etag;
      if (meta.lastModified) result.lastModified = meta.lastModified;
      return result;
    } catch (error) {
      if (!(error instanceof Retryable)) throw error;
      lastError = error;
    }
  }
  throw new DownloadError(
    `cannot download ${url} from ${host(url)} after ${options.retries + 1} attempt(s): ${(lastError as Error).message}`,
    url,
    (lastError as { status?: number }).status,
    { cause: lastError },
  );
}

type Outcome = { kind: 'not-modified' } | { kind: 'complete'; meta: PartMeta; resumed: boolean };

async function attemptOnce(options: DownloadOptions, part: string, metaPath: string): Promise<Outcome> {
  const { url } = options;
  const headers: Record<string, string> = {
    'accept-encoding': 'identity',
    'user-agent': 'rampart-advisory-db',
  };
  if (options.current?.etag) headers['if-none-match'] = options.current.etag;
  if (options.current?.lastModified) headers['if-modified-since'] = options.current.lastModified;
  const previous = await readPart(part, metaPath, url);
  if (previous) {
    headers.range = `bytes=${previous.size}-`;
    headers['if-range'] = previous.validator;
  }

  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(
      () => controller.abort(new Retryable(`no data for ${options.timeoutMs} ms (timed out)`)),
      options.timeoutMs,
    );
  };
  arm();
  try {
    let response: Response;
    try {
      response = await options.fetch(url, { headers, signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      throw new Retryable(networkMessage(error, controller.signal));
    }
    const status = response.status;
    if (status === 304) {
      await response.body?.cancel();
      return { kind: 'not-modified' };
    }
    if (status === 416) {
      // The part no longer fits the file on the server: start over.
      await response.body?.cancel();
      await rm(part, { force: true });
      throw new Retryable('the server refused to resume (HTTP 416)');
    }
    if (status !== 200 && status !== 206) {
      await response.body?.cancel();
      const message = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''} from ${host(url)} for ${url}`;
      if (status >= 500 || status === 408 || status === 429)
        throw Object.assign(new Retryable(message), { status });
      throw new DownloadError(`cannot download advisories: ${message}`, url, status);
    }

    let meta: PartMeta;
    let offset: number;
    let total: number | undefined;
    const hashes = parseGoogHash(response.headers.get('x-goog-hash'));
    if (status === 206 && previous) {
      const range = parseContentRange(response.headers.get('content-range'));
      if (!range || range.start !== previous.size) {
        await response.body?.cancel();
        await rm(part, { force: true });
        throw new Retryable(
          `the server resumed at the wrong offset (${response.headers.get('content-range')})`,
        );
      }
      meta = { ...previous.meta, ...hashes };
      offset = previous.size;
      total = range.total;
    } else {
      if (status === 206) {
        await response.body?.cancel();
        throw new Retryable('the server sent a partial answer to a request for the whole file');
      }
      meta = { url, ...hashes };
      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      if (etag) meta.etag = etag;
      if (lastModified) meta.lastModified = lastModified;
      offset = 0;
      const length = response.headers.get('content-length');
      total = length === null ? undefined : Number(length);
    }
    if (total !== undefined && total > options.maxBytes) {
      await response.body?.cancel();
      throw new DownloadError(
        `refusing to download ${url}: ${total} bytes is over the limit of ${options.maxBytes}`,
        url,
        status,
      );
    }
    await writeFile(metaPath, JSON.stringify(meta));
    const file = await open(part, offset === 0 ? 'w' : 'a');
    let size = offset;
    try {
      if (!response.body) throw new Retryable('the response has no body');
      try {
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
          arm();
          size += chunk.byteLength;
          if (size > options.maxBytes)
            throw new DownloadError(
              `refusing to download ${url}: larger than the limit of ${options.maxBytes} bytes`,
              url,
              status,
            );
          await file.write(chunk);
          options.onProgress?.(size, total);
        }
      } catch (error) {
        if (error instanceof DownloadError || error instanceof Retryable) throw error;
        throw new Retryable(networkMessage(error, controller.signal));
      }
    } finally {
      await file.close();
    }
    if (total !== undefined && size !== total)
      throw new Retryable(`the connection closed after ${size} of ${total} bytes`);
    return { kind: 'complete', meta, resumed: status === 206 };
  } catch (error) {
    if (error instanceof DownloadError) await discard(part);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function discard(part: string): Promise<void> {
  await rm(part, { force: true });
  await rm(`${part}.json`, { force: true });
}

/** A part worth resuming: same URL, a strong validator to send in `If-Range`, some bytes. */
async function readPart(
  part: string,
  metaPath: string,
  url: string,
): Promise<{ size: number; meta: PartMeta; validator: string } | undefined> {
  let meta: PartMeta;
  let size: number;
  try {
    meta = JSON.parse(await readFile(metaPath, 'utf8')) as PartMeta;
    size = (await stat(part)).size;
  } catch {
    await discard(part);
    return undefined;
  }
  // If-Range needs a strong ETag or a date; a weak ETag cannot prove the bytes are the same.
  const validator = meta.etag && !meta.etag.startsWith('W/') ? meta.etag : meta.lastModified;
  if (meta.url !== url || !validator || size === 0) {
    await discard(part);
    return undefined;
  }
  return { size, meta, validator };
}

async function verify(
  options: DownloadOptions,
  part: string,
  meta: PartMeta,
  resumed: boolean,
): Promise<{ sha256: string; checks: string[] }> {
  const checks: string[] = [];
  // rampart-ignore: sast/weak-hash the mirror publishes MD5 (GCS x-goog-hash); SHA-256 is computed and recorded too
  const md5 = createHash('md5');
  const sha256 = createHash('sha256');
  let crc = meta.md5 ? undefined : meta.crc32c ? 0 : undefined;
  for await (const chunk of createReadStream(part)) {
    md5.update(chunk as Buffer);
    sha256.update(chunk as Buffer);
    if (crc !== undefined) crc = crc32c(chunk as Buffer, crc);
  }
  const sha = sha256.digest('hex');
  const mismatch = async (what: string, expected: string, actual: string): Promise<never> => {
    await discard(part);
    const message = `${what} mismatch (expected ${expected}, got ${actual})`;
    // A body assembled from several requests may have been spliced wrongly: one more try from scratch.
    if (resumed) throw new Retryable(message);
    throw new DownloadError(
      `refusing ${options.url} from ${host(options.url)}: ${message}; the download was discarded`,
      options.url,
    );
  };
  if (meta.md5) {
    const actual = md5.digest('base64');
    if (actual !== meta.md5) await mismatch('MD5 (x-goog-hash)', meta.md5, actual);
    checks.push('md5');
  } else if (meta.crc32c && crc !== undefined) {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(crc >>> 0);
    const actual = bytes.toString('base64');
    if (actual !== meta.crc32c) await mismatch('CRC32C (x-goog-hash)', meta.crc32c, actual);
    checks.push('crc32c');
  }
  const expected = await fetchSha256(options);
  if (expected !== undefined) {
    if (expected !== sha) await mismatch(`SHA-256 (${options.url}.sha256)`, expected, sha);
    checks.push('sha256-file');
  }
  return { sha256: sha, checks };
}

const SHA256_LINE = /^([0-9a-fA-F]{64})(?:\s|$)/;

/** The SHA-256 published beside the file, or undefined when there is none (any non-200 answer). */
async function fetchSha256(options: DownloadOptions): Promise<string | undefined> {
  const url = `${options.url}.sha256`;
  let text: string;
  try {
    const response = await options.fetch(url, {
      headers: { 'accept-encoding': 'identity' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      return undefined;
    }
    text = (await response.text()).trim();
  } catch {
    return undefined;
  }
  const match = SHA256_LINE.exec(text);
  if (!match)
    throw new DownloadError(
      `the checksum file ${url} is not a SHA-256 (\`<hex>\` or \`<hex>  <name>\`)`,
      url,
      200,
    );
  return match[1]!.toLowerCase();
}

/** `x-goog-hash: crc32c=<b64>,md5=<b64>` (the header may also come as several). */
export function parseGoogHash(header: string | null): { md5?: string; crc32c?: string } {
  const out: { md5?: string; crc32c?: string } = {};
  for (const part of (header ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (key === 'md5') out.md5 = value;
    else if (key === 'crc32c') out.crc32c = value;
  }
  return out;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

function parseContentRange(
  header: string | null,
): { start: number; end: number; total?: number } | undefined {
  const match = CONTENT_RANGE.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const range: { start: number; end: number; total?: number } = {
    start: Number(match[1]),
    end: Number(match[2]),
  };
  if (match[3] !== '*') range.total = Number(match[3]);
  return range;
}

let crcTable: Uint32Array | undefined;

/** CRC-32C (Castagnoli), as Google Cloud Storage reports it. */
export function crc32c(data: Uint8Array, previous = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = ~previous >>> 0;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

export function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function networkMessage(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof Error) return signal.reason.message;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return detail ? `${message} (${detail})` : message;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
