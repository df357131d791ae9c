import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake mirror serves at `/<name>`, and how it misbehaves. */
export interface Served {
  body: Buffer;
  /** The body of each successive request (the last one repeats): a file changing under the same ETag. */
  bodies?: Buffer[];
  served?: number;
  etag?: string;
  lastModified?: string;
  /** Override the MD5 sent in x-goog-hash (base64); `null` sends no x-goog-hash. */
  md5?: string | null;
  /** Send only CRC32C in x-goog-hash. */
  crc32cOnly?: string;
  /** Close the connection after this many body bytes, for the next `cuts` requests. */
  cutAfter?: number;
  cuts?: number;
  /** Ignore Range requests (always answer 200 with the whole body). */
  noRanges?: boolean;
  /** Answer with this status for the next `failures` requests (all when undefined). */
  status?: number;
  failures?: number;
  /** Send headers, then nothing. */
  stall?: boolean;
}

export interface LoggedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  status: number;
}

/** A local OSV-like mirror on 127.0.0.1 for update tests; no other network is used. */
export class FakeMirror {
  readonly files = new Map<string, Served>();
  readonly requests: LoggedRequest[] = [];
  private server: Server | undefined;
  private readonly stalled: ServerResponse[] = [];

  async start(): Promise<string> {
    const server = createServer((req, res) => this.handle(req.url ?? '/', req.headers, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.stalled) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests for one path (sidecar checksum requests excluded unless asked for). */
  requestsFor(path: string): LoggedRequest[] {
    return this.requests.filter((r) => r.url === path);
  }

  private handle(url: string, headers: IncomingHttpHeaders, res: ServerResponse): void {
    const log = (status: number) => this.requests.push({ url, headers, status });
    const file = this.files.get(decodeURIComponent(url));
    if (!file) {
      log(404);
      res.writeHead(404, 'Not Found').end('no such object');
      return;
    }
    if (file.status !== undefined && (file.failures === undefined || file.failures > 0)) {
      if (file.failures !== undefined) file.failures--;
      log(file.status);
      res.writeHead(file.status).end('failure');
      return;
    }
    const served = file.served ?? 0;
    file.served = served + 1;
    const body = file.bodies ? file.bodies[Math.min(served, file.bodies.length - 1)]! : file.body;
    const validators: Record<string, string> = {};
    if (file.etag) validators.etag = file.etag;
    if (file.lastModified) validators['last-modified'] = file.lastModified;
    if (file.etag && headers['if-none-match'] === file.etag) {
      log(304);
      res.writeHead(304, validators).end();
      return;
    }
    const hash =
      file.crc32cOnly !== undefined
        ? `crc32c=${file.crc32cOnly}`
        : file.md5 === null
          ? undefined
          : `crc32c=AAAAAA==,md5=${file.md5 ?? createHash('md5').update(body).digest('base64')}`;
    const common: Record<string, string> = { ...validators, 'content-type': 'application/zip' };
    if (hash) common['x-goog-hash'] = hash;
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(headers.range ?? '');
    const ifRange = headers['if-range'];
    if (
      range &&
      !file.noRanges &&
      (ifRange === undefined || ifRange === file.etag || ifRange === file.lastModified)
    ) {
      start = Number(range[1]);
      if (start >= body.length) {
        log(416);
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      log(206);
      res.writeHead(206, {
        ...common,
        'content-length': String(body.length - start),
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
      });
    } else {
      log(200);
      res.writeHead(200, { ...common, 'content-length': String(body.length) });
    }
    if (file.stall) {
      res.flushHeaders();
      this.stalled.push(res);
      return;
    }
    const rest = body.subarray(start);
    if (file.cutAfter !== undefined && (file.cuts ?? 1) > 0) {
      file.cuts = (file.cuts ?? 1) - 1;
      res.write(rest.subarray(0, file.cutAfter), () => setTimeout(() => res.destroy(), 20));
      return;
    }
    res.end(rest);
  }
}
