import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type RampartServer, type ServerOptions } from '../src/index.js';
import { checkWebhookUrl, isForbiddenAddress, maskWebhookUrl } from '../src/notify/address.js';
import {
  classifyResponse,
  parseRetryAfter,
  retryDelay,
  DEFAULT_DELIVERY_POLICY,
} from '../src/notify/dispatcher.js';
import {
  deliveryHeaders,
  renderBody,
  slackMessage,
  teamsMessage,
  type Envelope,
} from '../src/notify/formats.js';
import { DeliveryError, guardedLookup } from '../src/notify/transport.js';
import { clock, DAY, implementations, nativeResult, type Implementation } from './helpers.js';
import { call, projectUrl, signIn, startApi, tokenFor, userWith, type Api } from './http-helpers.js';

/** How a receiver checks a delivery (the snippet of docs/server.md, in TypeScript). */
function verifySignature(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const timestamp = String(headers['x-rampart-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  const received = Buffer.from(String(headers['x-rampart-signature']));
  return received.length === expected.length && timingSafeEqual(received, Buffer.from(expected));
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

/** A webhook receiver on 127.0.0.1 that records requests and answers from a script (default 200). */
async function startReceiver() {
  const requests: Received[] = [];
  const script: { status: number; headers?: Record<string, string> }[] = [];
  const server: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        path: req.url ?? '',
      });
      if (req.url?.startsWith('/hang')) return; // never any answer
      const answer = script.shift() ?? { status: 200 };
      if (answer.status === 0) return; // no answer this time
      res.writeHead(answer.status, answer.headers);
      res.end(answer.status < 300 ? 'ok' : 'no\nthanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    requests,
    script,
    port,
    url: `http://127.0.0.1:${port}/hooks/T000/B000/not-shown`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const T0 = Date.UTC(2026, 0, 1);
const COMMIT_1 = '1'.repeat(40);
const COMMIT_2 = '2'.repeat(40);
const COMMIT_3 = '3'.repeat(40);

function envelope(over: Partial<Envelope> = {}): Envelope {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    type: 'findings.new',
    at: T0,
    project: 'acme/web',
    data: {
      scan: { id: 3, branch: 'main', commit: COMMIT_1, pipelineUrl: 'https://ci.example.com/1' },
      minSeverity: 'high',
      counts: { critical: 1, high: 24 },
      total: 25,
      findings: [
        {
          fingerprint: 'c1',
          severity: 'critical',
          ruleId: 'secrets/aws-access-key',
          title: 'AWS key <!channel> [click](https://evil.example)',
          message: 'AKIA****************',
          path: 'src/app.ts',
          line: 12,
          state: 'new',
        },
      ],
    },
    ...over,
  } as Envelope;
}

describe('webhook units', () => {
  it('classifies loopback, private, link-local and reserved addresses, in every IPv6 spelling', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.31.255.255',
      '192.168.0.10',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::10.0.0.1',
      'not-an-address',
    ])
      expect(isForbiddenAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isForbiddenAddress(address), address).toBe(false);
  });

  it('checks webhook URLs at the boundary', () => {
    const refused = [
      'ftp://example.com/x',
      'https://user:pass@example.com/x',
      'https://example.com/x#frag',
      'http://localhost:8080/x',
      'http://127.0.0.1/x',
      'http://[::1]/x',
      'http://2130706433/x', // 127.0.0.1 in disguise: the URL parser normalises it
      'http://169.254.169.254/latest/meta-data',
      'not a url',
    ];
    for (const url of refused) expect(() => checkWebhookUrl(url, false), url).toThrow();
    expect(checkWebhookUrl('https://hooks.slack.com/services/T/B/x', false).hostname).toBe('hooks.slack.com');
    expect(checkWebhookUrl('http://127.0.0.1:9/x', true).port).toBe('9');
    expect(() => checkWebhookUrl('https://user@127.0.0.1/x', true)).toThrow(/user name/);
  });

  it('masks webhook URLs past their first path segment', () => {
    expect(maskWebhookUrl('https://hooks.slack.com/services/T00/B00/XXXXXXXX')).toBe(
      'https://hooks.slack.com/services/***',
    );
    expect(maskWebhookUrl('https://example.com/hook?token=abc')).toBe('https://example.com/hook/***');
    expect(maskWebhookUrl('https://example.com/0123456789abcdef0123')).toBe('https://example.com/***');
    expect(maskWebhookUrl('https://example.com')).toBe('https://example.com/');
  });

  it('refuses names that resolve to a forbidden address at connection time (DNS rebinding)', async () => {
    let answer = '93.184.215.14';
    const lookup = guardedLookup(false, (_host, _options, callback) =>
      callback(null, [{ address: answer, family: 4 }]),
    );
    const resolve = () =>
      new Promise<unknown>((done, fail) =>
        lookup('hooks.example.com', { all: true }, (error, addresses) =>
          error ? fail(error) : done(addresses),
        ),
      );
    await expect(resolve()).resolves.toEqual([{ address: '93.184.215.14', family: 4 }]);
    answer = '10.0.0.7';
    const refused = await resolve().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect((refused as DeliveryError).permanent).toBe(true);
    expect((refused as DeliveryError).message).toMatch(/10\.0\.0\.7/);
    const allowed = guardedLookup(true, (_host, _options, callback) =>
      callback(null, [{ address: '10.0.0.7', family: 4 }]),
    );
    await expect(
      new Promise((done, fail) =>
        allowed('x', { all: false }, (error, address) => (error ? fail(error) : done(address))),
      ),
    ).resolves.toBe('10.0.0.7');
  });

  it('retries 408, 429 and 5xx with bounded, jittered exponential backoff; gives up on other 4xx and redirects', () => {
    const now = T0;
    expect(classifyResponse(204, {}, '', now)).toEqual({ kind: 'delivered', status: 204 });
    expect(classifyResponse(404, {}, 'not\nfound', now)).toEqual({
      kind: 'failed',
      status: 404,
      error: 'HTTP 404: not found',
    });
    expect(classifyResponse(301, {}, '', now).kind).toBe('failed');
    expect(classifyResponse(408, {}, '', now).kind).toBe('retry');
    expect(classifyResponse(503, {}, '', now).kind).toBe('retry');
    expect(classifyResponse(429, { 'retry-after': '120' }, '', now)).toMatchObject({
      kind: 'retry',
      retryAfterMs: 120_000,
    });
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();

    const policy = DEFAULT_DELIVERY_POLICY;
    expect(retryDelay(policy, 1, 0)).toBe(30_000);
    expect(retryDelay(policy, 1, 1)).toBe(60_000);
    expect(retryDelay(policy, 3, 0.5)).toBe(180_000);
    // Never longer than the cap, whatever the attempt or Retry-After.
    expect(retryDelay(policy, 30, 1)).toBe(policy.maxDelayMs);
    expect(retryDelay(policy, 1, 0, 10 * 24 * 3600_000)).toBe(policy.maxDelayMs);
    // Retry-After asking for longer than the backoff wins.
    expect(retryDelay(policy, 1, 0, 600_000)).toBe(600_000);
  });

  it('verifies signatures with the snippet of docs/server.md, and refuses tampered or old deliveries', async () => {
    const docs = readFileSync(new URL('../../../docs/server.md', import.meta.url), 'utf8');
    const start = docs.indexOf('```js\nimport { createHmac');
    const snippet = start < 0 ? undefined : docs.slice(start + 6, docs.indexOf('\n```', start));
    expect(snippet).toContain('export function verifyRampart');
    const dir = mkdtempSync(join(tmpdir(), 'rampart-docs-'));
    try {
      writeFileSync(join(dir, 'verify.mjs'), snippet!);
      const { verifyRampart } = (await import(pathToFileURL(join(dir, 'verify.mjs')).href)) as {
        verifyRampart: (
          secret: string,
          headers: Record<string, string>,
          body: string,
          nowMs?: number,
        ) => boolean;
      };
      const body = renderBody('generic', envelope());
      const headers = deliveryHeaders(envelope(), 7, 'rwh_secret', body, T0);
      expect(headers['x-rampart-signature']).toBe(
        `sha256=${createHmac('sha256', 'rwh_secret')
          .update(`${T0 / 1000}.${body}`)
          .digest('hex')}`,
      );
      expect(verifyRampart('rwh_secret', headers, body, T0 + 1000)).toBe(true);
      expect(verifyRampart('rwh_other', headers, body, T0 + 1000)).toBe(false);
      expect(verifyRampart('rwh_secret', headers, body.replace('acme', 'acmf'), T0 + 1000)).toBe(false);
      expect(verifyRampart('rwh_secret', headers, body, T0 + 10 * 60_000)).toBe(false);
      expect(verifyRampart('rwh_secret', { ...headers, 'x-rampart-timestamp': 'x' }, body, T0)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders Slack messages (text and blocks) with finding text escaped', () => {
    const message = slackMessage(envelope()) as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string }; fields?: unknown[] }[];
    };
    expect(message.text).toBe('Rampart: 25 new high+ findings in acme/web');
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(message.blocks[0]!.text).toEqual({ type: 'plain_text', text: message.text, emoji: false });
    const list = message.blocks[2]!.text!.text;
    expect(list).toContain('*CRITICAL* secrets/aws-access-key: AWS key &lt;!channel&gt;');
    expect(list).toContain('(src/app.ts:12)');
    expect(list).toContain('…and 24 more');
    expect(list).not.toContain('<!channel>');
  });

  it('renders Teams messages as one Adaptive Card, markdown of findings escaped', () => {
    const message = teamsMessage(envelope()) as {
      type: string;
      attachments: {
        contentType: string;
        content: { type: string; version: string; body: { type: string; text?: string }[] };
      }[];
    };
    expect(message.type).toBe('message');
    expect(message.attachments).toHaveLength(1);
    const [card] = message.attachments;
    expect(card!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card!.content.type).toBe('AdaptiveCard');
    expect(card!.content.version).toBe('1.4');
    expect(card!.content.body.map((b) => b.type)).toEqual([
      'TextBlock',
      'FactSet',
      'TextBlock',
      'TextBlock',
      'TextBlock',
    ]);
    expect(card!.content.body[2]!.text).toContain('\\[click\\](https://evil.example)');
    expect(JSON.parse(renderBody('teams', envelope()))).toEqual(message);
    // The generic body is the envelope itself.
    expect(JSON.parse(renderBody('generic', envelope()))).toEqual(envelope());
  });
});

describe.each(implementations())('webhooks: $name', (impl: Implementation) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let api: Api;
  let admin: { cookie: string; csrf: string };
  const time = clock(T0);

  async function start(options: Partial<ServerOptions> = {}) {
    api = await startApi(
      {
        now: time.now,
        webhookAllowPrivate: true,
        slaCheckIntervalMs: 0,
        webhookDelivery: {
          baseDelayMs: 1000,
          maxDelayMs: 10_000,
          timeoutMs: 5000,
          pollIntervalMs: 3_600_000,
        },
        ...options,
      },
      () => impl.open({ now: time.now }),
    );
    admin = await userWith(api, 'admin@example.com', {}, true);
  }

  async function webhook(body: Record<string, unknown>) {
    const res = await call(api, '/api/v1/webhooks', {
      as: admin,
      body: { name: 'hook', url: receiver.url, ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ secret: string; webhook: { id: number } }>();
  }

  async function upload(commit: string, findings: Parameters<typeof nativeResult>[0], project = 'acme/web') {
    const res = await call(api, projectUrl(project, '/scans'), {
      as: admin,
      body: { branch: 'main', commit, kind: 'full', report: nativeResult(findings) },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    await api.server.notifier.idle();
  }

  async function deliveries(id: number, query = '') {
    const res = await call(api, `/api/v1/webhooks/${id}/deliveries${query}`, { as: admin });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Record<string, unknown>[]; nextCursor: string | null }>();
  }

  /** The statuses of a webhook's deliveries in the delivery log, oldest first. */
  async function logged(id: number) {
    const rows = await api.store.db
      .selectFrom('webhook_deliveries')
      .select('status')
      .where('webhook_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map((row) => row.status);
  }

  /** A project.affected event on the bus, at the clock's time; resolves when its deliveries were tried. */
  async function affected(scanId: number) {
    api.server.events.emit({
      type: 'project.affected',
      at: time.now(),
      project: 'acme/web',
      branch: 'main',
      scanId,
      advisories: ['GHSA-1'],
      findings: 1,
    });
    await api.server.notifier.idle();
  }

  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await impl.cleanup();
  });
  beforeEach(() => {
    time.set(T0);
    receiver.requests.length = 0;
    receiver.script.length = 0;
  });
  afterEach(async () => {
    await api.close();
  });

  it('alerts on new critical/high findings of an upload, signed; not on low ones, nor on a re-upload', async () => {
    await start();
    const { secret, webhook: hook } = await webhook({});
    await upload(COMMIT_1, [
      { fingerprint: 'c1', severity: 'critical', path: 'src/key.ts', line: 3 },
      { fingerprint: 'a1', severity: 'high' },
      { fingerprint: 'e1', severity: 'low' },
    ]);
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request!.path).toBe('/hooks/T000/B000/not-shown');
    expect(request!.headers['x-rampart-event']).toBe('findings.new');
    expect(request!.headers['x-rampart-timestamp']).toBe(String(T0 / 1000));
    expect(verifySignature(secret, request!.headers, request!.body)).toBe(true);
    expect(verifySignature('rwh_wrong', request!.headers, request!.body)).toBe(false);
    const body = JSON.parse(request!.body) as Extract<Envelope, { type: 'findings.new' }>;
    expect(body).toMatchObject({ type: 'findings.new', project: 'acme/web', at: T0 });
    expect(body.data.total).toBe(2);
    expect(body.data.counts).toEqual({ critical: 1, high: 1 });
    expect(body.data.findings.map((f) => [f.fingerprint, f.severity, f.path, f.line])).toEqual([
      ['c1', 'critical', 'src/key.ts', 3],
      ['a1', 'high', 'src/app.ts', 1],
    ]);
    expect(request!.headers['x-rampart-delivery']).toBe(String((await deliveries(hook.id)).items[0]!.id));

    // The same scan again: a duplicate, nothing new.
    await upload(COMMIT_1, [
      { fingerprint: 'c1', severity: 'critical', path: 'src/key.ts', line: 3 },
      { fingerprint: 'a1', severity: 'high' },
      { fingerprint: 'e1', severity: 'low' },
    ]);
    // A new scan with one more finding, a low one: below the webhook's minimum.
    await upload(COMMIT_2, [
      { fingerprint: 'c1', severity: 'critical', path: 'src/key.ts', line: 3 },
      { fingerprint: 'a1', severity: 'high' },
      { fingerprint: 'e1', severity: 'low' },
      { fingerprint: 'e2', severity: 'low' },
    ]);
    expect(receiver.requests).toHaveLength(1);

    // A finding fixed and back is reopened: it alerts again.
    await upload(COMMIT_3, [{ fingerprint: 'a1', severity: 'high' }]);
    await upload('4'.repeat(40), [
      { fingerprint: 'a1', severity: 'high' },
      { fingerprint: 'c1', severity: 'critical', path: 'src/key.ts', line: 3 },
    ]);
    expect(receiver.requests).toHaveLength(2);
    const reopened = JSON.parse(receiver.requests[1]!.body) as Extract<Envelope, { type: 'findings.new' }>;
    expect(reopened.data.findings.map((f) => [f.fingerprint, f.state])).toEqual([['c1', 'reopened']]);

    const log = await deliveries(hook.id);
    expect(log.items.map((d) => [d.type, d.status, d.attempts, d.lastStatusCode])).toEqual([
      ['findings.new', 'delivered', 1, 200],
      ['findings.new', 'delivered', 1, 200],
    ]);
  });

  it('caps the findings listed and honours each webhook minimum severity and project scope', async () => {
    await start();
    const low = await webhook({ name: 'low', minSeverity: 'low', format: 'slack' });
    await webhook({ name: 'other project', projects: ['other/app'] });
    const findings = Array.from({ length: 30 }, (_, i) => ({
      fingerprint: `b${i.toString(16).padStart(2, '0')}`,
      severity: i < 25 ? ('low' as const) : ('critical' as const),
    }));
    await upload(COMMIT_1, findings);
    expect(receiver.requests).toHaveLength(1);
    const slack = JSON.parse(receiver.requests[0]!.body) as {
      text: string;
      blocks: { text?: { text: string } }[];
    };
    expect(slack.text).toBe('Rampart: 30 new low+ findings in acme/web');
    const listed = slack.blocks[2]!.text!.text.split('\n');
    expect(listed).toHaveLength(21);
    expect(listed.slice(0, 5).every((line) => line.includes('*CRITICAL*'))).toBe(true);
    expect(listed[20]).toBe('…and 10 more');
    const [delivery] = (await deliveries(low.webhook.id)).items;
    expect((delivery!.payload as { data: { total: number; findings: unknown[] } }).data.total).toBe(30);
    expect((delivery!.payload as { data: { findings: unknown[] } }).data.findings).toHaveLength(20);
  });

  it('retries after a 500 and records the success with attempts = 2; honours Retry-After', async () => {
    await start();
    const { webhook: hook } = await webhook({});
    receiver.script.push({ status: 500 });
    await upload(COMMIT_1, [{ fingerprint: 'c1', severity: 'critical' }]);
    let [delivery] = (await deliveries(hook.id)).items;
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(delivery!.lastError).toBe('HTTP 500: no thanks');
    const next = delivery!.nextAttemptAt as number;
    expect(next).toBeGreaterThanOrEqual(T0 + 500);
    expect(next).toBeLessThanOrEqual(T0 + 1000);
    // Not due yet: nothing is sent.
    expect(await api.server.notifier.deliverDue()).toBe(0);
    time.set(next);
    expect(await api.server.notifier.deliverDue()).toBe(1);
    [delivery] = (await deliveries(hook.id)).items;
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: next,
    });
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[0]!.body).toBe(receiver.requests[1]!.body);

    receiver.script.push({ status: 503, headers: { 'retry-after': '7' } });
    await upload(COMMIT_2, [{ fingerprint: 'c2', severity: 'critical' }]);
    [delivery] = (await deliveries(hook.id)).items;
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503 });
    expect(delivery!.nextAttemptAt).toBe(next + 7000);
  });

  it('fails at once after a 4xx, and after the last attempt of 5xx answers', async () => {
    await start({
      webhookDelivery: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 1000, pollIntervalMs: 3_600_000 },
    });
    const { webhook: hook } = await webhook({ events: ['project.affected'] });
    receiver.script.push({ status: 404 });
    const affected = {
      type: 'project.affected' as const,
      at: T0,
      project: 'acme/web',
      branch: 'main',
      scanId: 1,
      advisories: ['GHSA-xxxx'],
      findings: 1,
    };
    api.server.events.emit(affected);
    await api.server.notifier.idle();
    let [delivery] = (await deliveries(hook.id)).items;
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastStatusCode: 404,
      nextAttemptAt: null,
    });
    expect(delivery!.lastError).toMatch(/^HTTP 404/);

    receiver.script.push({ status: 502 }, { status: 502 }, { status: 502 });
    api.server.events.emit(affected);
    await api.server.notifier.idle();
    for (let i = 0; i < 2; i += 1) {
      time.advance(1000);
      expect(await api.server.notifier.deliverDue()).toBe(1);
    }
    [delivery] = (await deliveries(hook.id)).items;
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastStatusCode: 502,
      nextAttemptAt: null,
    });
    time.advance(10_000);
    expect(await api.server.notifier.deliverDue()).toBe(0);
    expect(receiver.requests).toHaveLength(4);
  });

  it('gives up on an attempt without an answer within the time limit, and tries again later', async () => {
    await start({ webhookDelivery: { timeoutMs: 300, baseDelayMs: 1000, maxDelayMs: 1000 } });
    const { webhook: hook } = await webhook({ events: ['project.affected'] });
    // Another webhook that never answers: it holds up neither the first nor its own retries.
    const { webhook: silent } = await webhook({
      name: 'silent',
      events: ['project.affected'],
      url: `http://127.0.0.1:${receiver.port}/hang`,
    });
    receiver.script.push({ status: 0 });
    const started = Date.now();
    api.server.events.emit({
      type: 'project.affected',
      at: T0,
      project: 'acme/web',
      branch: 'main',
      scanId: 1,
      advisories: ['GHSA-1'],
      findings: 1,
    });
    await api.server.notifier.idle();
    expect(Date.now() - started).toBeLessThan(5000);
    const [delivery] = (await deliveries(hook.id)).items;
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(delivery!.lastError).toBe('no answer within 300 ms');
    time.advance(1000);
    expect(await api.server.notifier.deliverDue()).toBe(2);
    expect((await deliveries(hook.id)).items[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((await deliveries(silent.id)).items[0]).toMatchObject({
      status: 'pending',
      attempts: 2,
      lastError: 'no answer within 300 ms',
    });
  });

  it('refuses private addresses unless allowed: when created, and again when delivering', async () => {
    await start({ webhookAllowPrivate: false });
    for (const url of [
      receiver.url,
      `http://localhost:${receiver.port}/x`,
      'http://[::1]/x',
      'http://10.0.0.1/x',
    ]) {
      const res = await call(api, '/api/v1/webhooks', { as: admin, body: { name: 'private', url } });
      expect(res.statusCode, url).toBe(422);
      expect(res.json<{ error: { message: string } }>().error.message).toMatch(/private|loopback/);
    }
    const bad = await call(api, '/api/v1/webhooks', {
      as: admin,
      body: { name: 'x', url: 'https://user:pw@example.com/x' },
    });
    expect(bad.statusCode).toBe(422);
    expect(await api.store.db.selectFrom('webhooks').selectAll().execute()).toEqual([]);

    // A webhook stored while private targets were allowed (or written by hand) is refused when sending.
    const row = await api.store.db
      .insertInto('webhooks')
      .values({
        name: 'old',
        url: receiver.url,
        format: 'generic',
        events: '["project.affected"]',
        projects: '[]',
        min_severity: 'high',
        secret: 'rwh_test',
        enabled: 1,
        created_by: 'test',
        created_at: T0,
        updated_at: T0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    api.server.events.emit({
      type: 'project.affected',
      at: T0,
      project: 'acme/web',
      branch: 'main',
      scanId: 1,
      advisories: ['GHSA-1'],
      findings: 1,
    });
    await api.server.notifier.idle();
    const [delivery] = (await deliveries(row.id)).items;
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null });
    expect(delivery!.lastError).toMatch(/^refused: .*127\.0\.0\.1/);
    expect(receiver.requests).toHaveLength(0);
  });

  it('announces an SLA breach once', async () => {
    await start();
    const { webhook: hook } = await webhook({ events: ['sla.breached'], format: 'teams' });
    await upload(COMMIT_1, [
      { fingerprint: 'c1', severity: 'critical' },
      { fingerprint: 'a1', severity: 'high' },
      { fingerprint: 'e1', severity: 'low' },
    ]);
    expect(receiver.requests).toHaveLength(0);
    expect(await api.server.notifier.checkSla()).toBe(0);
    time.set(T0 + 8 * DAY);
    // Critical (7 days) is breached; high (30) is not yet.
    expect(await api.server.notifier.checkSla()).toBe(1);
    await api.server.notifier.idle();
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.headers['x-rampart-event']).toBe('sla.breached');
    const card = JSON.parse(receiver.requests[0]!.body) as {
      attachments: { content: { body: { text?: string }[] } }[];
    };
    expect(card.attachments[0]!.content.body[0]!.text).toBe(
      'Rampart: 1 finding in acme/web passed the SLA deadline',
    );
    // Once: the next checks find nothing new until another deadline passes.
    expect(await api.server.notifier.checkSla()).toBe(0);
    time.set(T0 + 31 * DAY);
    expect(await api.server.notifier.checkSla()).toBe(1);
    await api.server.notifier.idle();
    time.set(T0 + 400 * DAY);
    // The low finding breaches too, but it is below the webhook's minimum (high): nothing is sent.
    expect(await api.server.notifier.checkSla()).toBe(1);
    await api.server.notifier.idle();
    expect(receiver.requests).toHaveLength(2);
    admin = await signIn(api, 'admin@example.com'); // the session ended in those 400 days
    const log = await deliveries(hook.id);
    const fingerprints = log.items.map(
      (d) => (d.payload as { data: { findings: { fingerprint: string }[] } }).data.findings[0]!.fingerprint,
    );
    expect(fingerprints).toEqual(['a1', 'c1']);
  });

  it('alerts on project.affected from the event bus, with the advisories', async () => {
    await start();
    const { secret } = await webhook({ events: ['project.affected'], projects: ['acme/web'] });
    await webhook({ name: 'scoped elsewhere', events: ['project.affected'], projects: ['other/app'] });
    api.server.events.emit({
      type: 'project.affected',
      at: T0,
      project: 'acme/web',
      branch: 'main',
      scanId: 42,
      advisories: ['GHSA-bbbb', 'CVE-2026-0001', 'GHSA-bbbb'],
      findings: 3,
    });
    await api.server.notifier.idle();
    expect(receiver.requests).toHaveLength(1);
    const request = receiver.requests[0]!;
    expect(verifySignature(secret, request.headers, request.body)).toBe(true);
    expect(JSON.parse(request.body)).toMatchObject({
      type: 'project.affected',
      project: 'acme/web',
      data: {
        branch: 'main',
        scanId: 42,
        findings: 3,
        advisories: ['CVE-2026-0001', 'GHSA-bbbb'],
        totalAdvisories: 2,
      },
    });
  });

  it('manages webhooks through the admin API: secret once, masked URL, ping, rotate, redeliver, pages, delete, audit', async () => {
    await start();
    const created = await webhook({ name: 'ops', format: 'generic' });
    expect(created.secret).toMatch(/^rwh_[A-Za-z0-9_-]{43}$/);
    expect(created.webhook).toMatchObject({
      name: 'ops',
      url: `http://127.0.0.1:${receiver.port}/hooks/***`,
      events: ['findings.new', 'project.affected', 'sla.breached'],
      projects: [],
      minSeverity: 'high',
      enabled: true,
      createdBy: 'user:admin@example.com',
    });
    const id = created.webhook.id;
    const listed = await call(api, '/api/v1/webhooks', { as: admin });
    expect(listed.json<{ items: unknown[] }>().items).toHaveLength(1);
    expect(listed.body).not.toContain(created.secret);
    expect(listed.body).not.toContain('not-shown');

    // Ping: delivered and signed with the secret.
    const ping = await call(api, `/api/v1/webhooks/${id}/ping`, { as: admin, method: 'POST' });
    expect(ping.statusCode, ping.body).toBe(202);
    await api.server.notifier.idle();
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.headers['x-rampart-event']).toBe('ping');
    expect(verifySignature(created.secret, receiver.requests[0]!.headers, receiver.requests[0]!.body)).toBe(
      true,
    );

    // Rotate: the new secret signs, the old one no longer does.
    const rotated = await call(api, `/api/v1/webhooks/${id}/secret`, { as: admin, method: 'POST' });
    expect(rotated.statusCode).toBe(200);
    const secret = rotated.json<{ secret: string }>().secret;
    expect(secret).not.toBe(created.secret);
    const pingId = ping.json<{ id: number; eventId: string }>();
    const again = await call(api, `/api/v1/webhooks/${id}/deliveries/${pingId.id}/redeliver`, {
      as: admin,
      method: 'POST',
    });
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json<{ eventId: string; id: number }>().eventId).toBe(pingId.eventId);
    expect(again.json<{ id: number }>().id).not.toBe(pingId.id);
    await api.server.notifier.idle();
    const last = receiver.requests[1]!;
    expect(verifySignature(secret, last.headers, last.body)).toBe(true);
    expect(verifySignature(created.secret, last.headers, last.body)).toBe(false);
    expect(JSON.parse(last.body)).toEqual(JSON.parse(receiver.requests[0]!.body));

    // Pages, newest first.
    const first = await deliveries(id, '?limit=1');
    expect(first.items.map((d) => d.id)).toEqual([again.json<{ id: number }>().id]);
    const second = await deliveries(id, `?limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((d) => d.id)).toEqual([pingId.id]);
    expect(second.nextCursor).toBeNull();
    expect((await deliveries(id, '?status=failed')).items).toEqual([]);
    expect(
      (await call(api, `/api/v1/webhooks/${id}/deliveries?cursor=bm9wZQ`, { as: admin })).statusCode,
    ).toBe(400);

    // Update: disabled webhooks get nothing, and cannot be pinged.
    const updated = await call(api, `/api/v1/webhooks/${id}`, {
      as: admin,
      method: 'PUT',
      body: { enabled: false, minSeverity: 'critical' },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ enabled: false, minSeverity: 'critical', name: 'ops' });
    await upload(COMMIT_1, [{ fingerprint: 'c1', severity: 'critical' }]);
    expect(receiver.requests).toHaveLength(2);
    expect((await call(api, `/api/v1/webhooks/${id}/ping`, { as: admin, method: 'POST' })).statusCode).toBe(
      422,
    );
    const empty = await call(api, `/api/v1/webhooks/${id}`, { as: admin, method: 'PUT', body: {} });
    expect(empty.statusCode).toBe(400);
    const badEvent = await call(api, `/api/v1/webhooks/${id}`, {
      as: admin,
      method: 'PUT',
      body: { events: ['scan.everything'] },
    });
    expect(badEvent.statusCode).toBe(400);

    // Unknown ids.
    expect((await call(api, '/api/v1/webhooks/999', { as: admin })).statusCode).toBe(404);
    expect(
      (await call(api, `/api/v1/webhooks/${id}/deliveries/999/redeliver`, { as: admin, method: 'POST' }))
        .statusCode,
    ).toBe(404);

    // Delete: the webhook and its log are gone.
    const deleted = await call(api, `/api/v1/webhooks/${id}`, { as: admin, method: 'DELETE' });
    expect(deleted.statusCode).toBe(204);
    expect((await call(api, `/api/v1/webhooks/${id}`, { as: admin })).statusCode).toBe(404);
    expect(await api.store.db.selectFrom('webhook_deliveries').selectAll().execute()).toEqual([]);

    // Every change is audited, never with a secret or the full URL.
    const audit = (await call(api, '/api/v1/audit/export', { as: admin })).body;
    for (const action of [
      'webhook.created',
      'webhook.pinged',
      'webhook.secret-rotated',
      'webhook.redelivered',
      'webhook.updated',
      'webhook.deleted',
    ])
      expect(audit).toContain(`"action":"${action}"`);
    expect(audit).not.toContain(created.secret);
    expect(audit).not.toContain(secret);
    expect(audit).not.toContain('not-shown');
    expect((await call(api, '/api/v1/audit/verify', { as: admin })).json()).toMatchObject({ ok: true });
  });

  it('lets only administrators near webhooks', async () => {
    await start();
    const { webhook: hook } = await webhook({});
    const maintainer = await userWith(api, 'maintainer@example.com', { 'acme/web': 'maintainer' });
    const viewer = await userWith(api, 'viewer@example.com', { 'acme/web': 'viewer' });
    const token = await tokenFor(api, 'read', ['acme/web']);
    const requests: [string, string, unknown?][] = [
      ['GET', '/api/v1/webhooks'],
      ['POST', '/api/v1/webhooks', { name: 'x', url: receiver.url }],
      ['GET', `/api/v1/webhooks/${hook.id}`],
      ['PUT', `/api/v1/webhooks/${hook.id}`, { enabled: false }],
      ['DELETE', `/api/v1/webhooks/${hook.id}`],
      ['POST', `/api/v1/webhooks/${hook.id}/secret`],
      ['GET', `/api/v1/webhooks/${hook.id}/deliveries`],
      ['POST', `/api/v1/webhooks/${hook.id}/deliveries/1/redeliver`],
      ['POST', `/api/v1/webhooks/${hook.id}/ping`],
    ];
    const webhookRoutes = api.server.openapi as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(webhookRoutes.paths)
      .filter(([path]) => path.startsWith('/api/v1/webhooks'))
      .flatMap(([, methods]) => Object.keys(methods));
    expect(documented).toHaveLength(requests.length);
    for (const [method, url, body] of requests) {
      for (const as of [maintainer, viewer, token]) {
        const res = await call(api, url, {
          as,
          method: method as 'GET',
          ...(body !== undefined ? { body } : {}),
        });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
      const res = await call(api, url, { method: method as 'GET', ...(body !== undefined ? { body } : {}) });
      expect(res.statusCode).toBe(401);
    }
    expect(await api.store.db.selectFrom('webhooks').select('enabled').execute()).toEqual([{ enabled: 1 }]);
  });

  it('prunes finished deliveries from the log after 30 days, never pending ones', async () => {
    await start();
    const { webhook: hook } = await webhook({ events: ['project.affected'] });
    receiver.script.push({ status: 200 }, { status: 404 }, { status: 503 });
    for (const scanId of [1, 2, 3]) await affected(scanId);
    // (The store directly: the admin's session ends long before a month has passed.)
    const statuses = () => logged(hook.id);
    expect(await statuses()).toEqual(['delivered', 'failed', 'pending']);
    time.advance(29 * DAY);
    expect(await api.server.notifier.pruneDeliveries()).toBe(0);
    // 31 days on, the delivered and the failed one go; the pending one (its retry not yet made) stays.
    time.advance(2 * DAY);
    expect(await api.server.notifier.pruneDeliveries()).toBe(2);
    expect(await statuses()).toEqual(['pending']);
    expect(await api.server.notifier.pruneDeliveries()).toBe(0);
  });

  it('prunes on its own when it next looks for due deliveries, at most once an hour', async () => {
    await start();
    const { webhook: hook } = await webhook({ events: ['project.affected'] });
    await affected(1);
    time.advance(30 * 60_000);
    await affected(2);
    time.advance(30 * DAY - 15 * 60_000);
    await affected(3); // its dispatch run prunes the first delivery (30 days and 15 minutes old)
    expect(await logged(hook.id)).toEqual(['delivered', 'delivered']);
    time.advance(30 * 60_000);
    await affected(4); // the second is now over 30 days old, but the last prune was 30 minutes ago
    expect(await logged(hook.id)).toHaveLength(3);
    time.advance(31 * 60_000);
    await affected(5);
    expect(await logged(hook.id)).toHaveLength(3);
    expect(await api.server.notifier.pruneDeliveries()).toBe(0);
  });

  it('keeps the delivery log forever with keepMs 0', async () => {
    await start({ webhookDelivery: { keepMs: 0, pollIntervalMs: 3_600_000 } });
    const { webhook: hook } = await webhook({ events: ['project.affected'] });
    await affected(1);
    time.advance(400 * DAY);
    api.server.notifier.kick();
    await api.server.notifier.idle();
    expect(await api.server.notifier.pruneDeliveries()).toBe(0);
    expect(await logged(hook.id)).toEqual(['delivered']);
  });

  it('keeps pending deliveries across a restart, and counts deliveries in /metrics', async () => {
    await start();
    const { webhook: hook } = await webhook({ events: ['project.affected'] });
    receiver.script.push({ status: 503 });
    api.server.events.emit({
      type: 'project.affected',
      at: T0,
      project: 'acme/web',
      branch: 'main',
      scanId: 1,
      advisories: ['GHSA-1'],
      findings: 1,
    });
    await api.server.notifier.idle();
    expect((await deliveries(hook.id)).items[0]).toMatchObject({ status: 'pending', attempts: 1 });
    const metrics = (await call(api, '/metrics', { as: admin })).body;
    expect(metrics).toContain('rampart_webhook_deliveries{status="pending"} 1');
    expect(metrics).toContain('rampart_webhook_deliveries{status="delivered"} 0');

    // A new server over the same store picks the delivery up when it starts.
    await api.server.close();
    time.advance(60_000);
    const restarted: RampartServer = createServer({
      store: api.store,
      now: time.now,
      webhookAllowPrivate: true,
      slaCheckIntervalMs: 0,
    });
    await restarted.app.ready();
    await restarted.notifier.idle();
    const row = await api.store.db
      .selectFrom('webhook_deliveries')
      .select(['status', 'attempts'])
      .where('webhook_id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'delivered', attempts: 2 });
    await restarted.close();
  });
});
