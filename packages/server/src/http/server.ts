import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifySchemaValidationError,
  type FastifyServerOptions,
} from 'fastify';
import { principalOfToken, userOfSession } from '../auth/accounts.js';
import { OidcRelyingParty } from '../auth/oidc.js';
import { checkOidcOptions, type OidcOptions } from '../auth/oidc-config.js';
import { allows, isAdmin, actorOf, mayReadMetrics, type Principal } from '../auth/principal.js';
import { csrfTokenOf, safeEqual, sha256Hex } from '../auth/secrets.js';
import { EventBus } from '../events.js';
import { ForbiddenError, RateLimitError, ServerError, UnauthenticatedError } from '../errors.js';
import { DEFAULT_SLA_CHECK_INTERVAL_MS, Notifier, type DeliveryPolicy } from '../notify/index.js';
import type { Store } from '../store.js';
import { ProcessMetrics } from '../visibility/metrics.js';
import { checkSlaPolicy, resolveSlaPolicy, type SlaPolicy } from '../visibility/sla.js';
import { ZeroDayWatch, type WatchOptions } from '../watch/index.js';
import { parseCookies, SESSION_COOKIE, sessionCookie } from './cookies.js';
import { openApiDocument } from './openapi.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import type { ApiRoute, HandlerContext, ServerContext } from './route.js';
import { API_ROUTES, SLA_POLICY_SETTING } from './routes.js';
import { findDashboard, loadDashboard, registerDashboard } from './web-assets.js';

const addFormats = addFormatsPlugin.default;

export interface ServerOptions {
  store: Store;
  /** Fastify's logger option: `false` (default) or pino options (JSON lines to stdout). */
  logger?: FastifyServerOptions['logger'];
  /** Largest upload body after decompression, in bytes. Default 256 MiB. */
  ingestBodyLimit?: number;
  /** Largest body of every other request. Default 1 MiB. */
  bodyLimit?: number;
  /** `Secure` session cookies (default true). Only plain-http development on loopback turns it off. */
  secureCookies?: boolean;
  /** How long a session lasts. Default 12 hours. */
  sessionTtlMs?: number;
  rateLimits?: { login?: RateLimit; ingest?: RateLimit };
  /** Days to remediate per severity (defaults 7/30/90/180); a policy stored through the API wins. */
  slaPolicy?: Partial<SlaPolicy>;
  /** A one-time token that creates the first administrator through POST /api/v1/setup. */
  setupToken?: string;
  /** Trust X-Forwarded-* from a reverse proxy (client addresses for rate limits). Default false. */
  trustProxy?: boolean | string | string[];
  now?: () => number;
  /** Check every response against its route's schema (tests). */
  checkResponses?: boolean;
  /** The event bus the server announces committed changes on (a new one when absent). */
  events?: EventBus;
  /**
   * Let webhooks reach loopback, private, link-local and reserved addresses (default false: refused, to
   * keep webhooks from probing the server's own network). Tests and closed networks turn it on.
   */
  webhookAllowPrivate?: boolean;
  /** Time between checks for new SLA breaches to notify, in ms (default 1 hour; 0 turns them off). */
  slaCheckIntervalMs?: number;
  /** Webhook retries and time limits (defaults in `DEFAULT_DELIVERY_POLICY`). */
  webhookDelivery?: Partial<DeliveryPolicy>;
  /** OIDC single sign-on (absent: off). Checked here: an `OidcConfigError` names every problem. */
  oidc?: OidcOptions;
  /** The zero-day watch: re-match stored SBOMs when the advisory database changes (off when absent). */
  watch?: WatchOptions;
  /**
   * The built web dashboard to serve at `/` (a folder with `index.html` and `assets/`); `false` serves
   * none. Default: `@rampart/web`'s build when that package is installed.
   */
  dashboard?: string | false;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const DEFAULT_INGEST_LIMIT = 256 * 1024 * 1024;
const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Defined by the CLI's bundle script: bundled, this code does not sit beside its package.json. */
declare const RAMPART_SERVER_VERSION: string | undefined;

function serverVersion(): string {
  if (typeof RAMPART_SERVER_VERSION === 'string') return RAMPART_SERVER_VERSION;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function validators() {
  // Bodies are validated strictly (no coercion); path and query values are text, coerced to the schema's
  // types, and a single query value becomes a one-element array where the schema wants an array.
  const body = addFormats(
    new Ajv({ allErrors: false, strict: false, useDefaults: true, coerceTypes: false }),
  );
  const text = addFormats(
    new Ajv({ allErrors: false, strict: false, useDefaults: true, coerceTypes: 'array' }),
  );
  return { body, text };
}

/** A JSON error body. */
function errorBody(code: string, message: string, problems?: string[]) {
  return { error: { code, message, ...(problems && problems.length > 0 ? { problems } : {}) } };
}

function renderError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ServerError) {
    if (error instanceof RateLimitError) reply.header('retry-after', String(error.retryAfter));
    const problems = (error as { problems?: string[] }).problems;
    if (error.status >= 500) request.log.error({ err: error }, error.message);
    return reply.code(error.status).send(errorBody(error.code, error.message, problems));
  }
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (fastifyError.validation !== undefined)
    return reply.code(400).send(errorBody('invalid-request', fastifyError.message));
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply
        .code(413)
        .send(errorBody('payload-too-large', 'the request body is larger than the limit'));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply
        .code(415)
        .send(errorBody('unsupported-media-type', 'send JSON with Content-Type: application/json'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply.code(400).send(errorBody('invalid-json', 'the body is empty'));
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return reply
        .code(400)
        .send(errorBody('invalid-json', `the body is not valid JSON: ${fastifyError.message}`));
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return reply.code(400).send(errorBody('bad-request', 'the body does not match its Content-Length'));
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return reply.code(400).send(errorBody('invalid-gzip', 'the body is not valid gzip'));
  }
  if (error instanceof SyntaxError)
    return reply.code(400).send(errorBody('invalid-json', `the body is not valid JSON: ${error.message}`));
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500)
    return reply.code(status).send(errorBody('bad-request', fastifyError.message));
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send(errorBody('internal', 'internal server error'));
}

function describeErrors(errors: FastifySchemaValidationError[], dataVar: string): string {
  return errors
    .map((e) => `${dataVar}${e.instancePath} ${e.message ?? 'is invalid'}`)
    .filter((text, i, all) => all.indexOf(text) === i)
    .join(', ');
}

/**
 * Upload bodies are an envelope or a bare document (`anyOf`): name the envelope's problem when the body
 * is an envelope with a bad field, else say what the body should be, rather than list every branch.
 */
function uploadErrorFormatter(errors: FastifySchemaValidationError[], dataVar: string): Error {
  if (dataVar !== 'body') return new Error(describeErrors(errors, dataVar));
  const envelope = errors.filter((e) => e.schemaPath.startsWith('#/anyOf/0/') && e.instancePath !== '');
  if (envelope.length > 0) return new Error(describeErrors(envelope, dataVar));
  return new Error(
    'the body is neither an upload ({ "report": ..., "sbom": ..., "branch", "commit", "pipelineUrl", "kind" }) ' +
      'nor a SARIF 2.1.0 log, a Rampart JSON result or a CycloneDX/SPDX JSON SBOM',
  );
}

/** Who is calling: an API token (Authorization: Bearer) or a session cookie; undefined when neither. */
async function authenticate(
  context: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Principal | undefined> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer[ ]+(\S+)$/i.exec(authorization);
    if (match === null) throw new UnauthenticatedError('the Authorization header must be "Bearer rpt_..."');
    const principal = await principalOfToken(context.store, match[1]!, context.now());
    if (principal === undefined)
      throw new UnauthenticatedError('the API token is unknown, expired or revoked');
    return principal;
  }
  const secret = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
  if (secret === undefined || secret === '') return undefined;
  const principal = await userOfSession(context.store, secret, context.now());
  if (principal === undefined) {
    reply.header('set-cookie', sessionCookie('', { secure: context.secureCookies, maxAge: 0 }));
    throw new UnauthenticatedError('the session has ended: sign in again');
  }
  return principal;
}

/** A cookie-authenticated request that changes something must prove it comes from our own pages. */
function checkCsrf(request: FastifyRequest, principal: Principal): void {
  if (principal.kind !== 'user' || SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host === undefined || host !== request.host)
      throw new ServerError('cross-origin request refused', 403, 'csrf-failed');
  }
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenOf(principal.sessionSecret)))
    throw new ServerError(
      'missing or wrong X-CSRF-Token header (GET /api/v1/session returns the token)',
      403,
      'csrf-failed',
    );
}

function authorize(route: ApiRoute, principal: Principal, params: Record<string, unknown>): void {
  const access = route.access;
  if (access === 'public' || access === 'authenticated') return;
  if (access === 'user') {
    if (principal.kind !== 'user') throw new ForbiddenError('API tokens cannot do this: sign in as a user');
    return;
  }
  if (access === 'admin') {
    if (!isAdmin(principal)) throw new ForbiddenError('only an administrator can do this');
    return;
  }
  if (access === 'metrics') {
    if (!mayReadMetrics(principal))
      throw new ForbiddenError('only an administrator or a token with the metrics scope can read metrics');
    return;
  }
  const project = params.project;
  // The same answer whether the project exists or not: a refusal reveals nothing about other projects.
  if (typeof project !== 'string' || !allows(principal, access.project, project))
    throw new ForbiddenError(
      principal.kind === 'token'
        ? `this token may not ${access.project} project "${String(project)}"`
        : `you may not ${access.project} project "${String(project)}"`,
    );
}

/** Decompress `Content-Encoding: gzip` bodies as they stream in; the body limit applies to the result. */
function decompress(request: FastifyRequest, payload: Readable): Readable {
  const header = request.headers['content-encoding'];
  const encoding = (header ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return payload;
  if (encoding !== 'gzip' && encoding !== 'x-gzip')
    throw new ServerError(
      `unsupported Content-Encoding "${encoding}" (use gzip)`,
      415,
      'unsupported-encoding',
    );
  const gunzip = createGunzip() as ReturnType<typeof createGunzip> & { receivedEncodedLength?: number };
  let encoded = 0;
  payload.on('data', (chunk: Buffer) => {
    encoded += chunk.length;
    // Fastify compares this with Content-Length and with the body limit.
    gunzip.receivedEncodedLength = encoded;
  });
  payload.on('error', (error) => gunzip.destroy(error));
  payload.pipe(gunzip);
  return gunzip;
}

export interface RampartServer {
  app: FastifyInstance;
  /** The OpenAPI document served at /api/openapi.json. */
  openapi: object;
  /** Listen on host and port (0 picks a free port); resolves to the address, e.g. http://127.0.0.1:8080. */
  listen(options: { host: string; port: number }): Promise<string>;
  /** Stop accepting connections, finish in-flight requests, then resolve. Does not close the store. */
  close(): Promise<void>;
  /** Committed changes are announced here (webhooks and the zero-day watch subscribe). */
  events: EventBus;
  /** Webhook notifications: queueing, delivery, SLA checks. */
  notifier: Notifier;
  /** The zero-day watch, when `options.watch` configured it. */
  watch: ZeroDayWatch | undefined;
}

/**
 * The HTTP API over a store: every route of `API_ROUTES`, the OpenAPI document at `/api/openapi.json`,
 * one error renderer (`{ error: { code, message } }`), authentication before the body is read, and
 * access checks from each route's declared access (deny by default).
 */
export function createServer(options: ServerOptions): RampartServer {
  const now = options.now ?? (() => Date.now());
  const rateLimits = options.rateLimits ?? {};
  const events =
    options.events ??
    new EventBus((error, event) =>
      app.log.error({ event: 'listener-failed', type: event.type, err: error }, 'an event listener failed'),
    );
  const context: ServerContext = {
    store: options.store,
    now,
    sessionTtlMs: options.sessionTtlMs ?? 12 * 60 * 60 * 1000,
    secureCookies: options.secureCookies ?? true,
    limiters: {
      login: new RateLimiter(rateLimits.login ?? { capacity: 10, perSecond: 10 / 60 }, now),
      loginAccount: new RateLimiter(rateLimits.login ?? { capacity: 10, perSecond: 10 / 60 }, now),
      ingest: new RateLimiter(rateLimits.ingest ?? { capacity: 30, perSecond: 1 }, now),
    },
    metrics: new ProcessMetrics(),
    slaPolicy: checkSlaPolicy(options.slaPolicy ?? {}),
    setup: { tokenHash: options.setupToken === undefined ? undefined : sha256Hex(options.setupToken) },
    events,
    notifier: new Notifier({
      store: options.store,
      events,
      now,
      allowPrivate: options.webhookAllowPrivate ?? false,
      slaCheckIntervalMs: options.slaCheckIntervalMs ?? DEFAULT_SLA_CHECK_INTERVAL_MS,
      slaPolicy: async () => {
        const stored = await options.store.getSetting(SLA_POLICY_SETTING);
        return resolveSlaPolicy(
          context.slaPolicy,
          stored === undefined ? undefined : checkSlaPolicy(stored as Record<string, unknown>),
        );
      },
      ...(options.webhookDelivery !== undefined ? { delivery: options.webhookDelivery } : {}),
      onError: (error, what) =>
        app.log.error({ event: 'notification-failed', what, err: error }, 'notification work failed'),
    }),
    oidc: options.oidc === undefined ? undefined : new OidcRelyingParty(checkOidcOptions(options.oidc), now),
  };
  if (options.watch !== undefined)
    context.watch = new ZeroDayWatch(options.watch, {
      store: options.store,
      events: context.events,
      now,
      toolVersion: serverVersion(),
      log: (level, data, message) => app.log[level](data, message),
    });
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // Idle keep-alive connections are closed on shutdown; in-flight requests finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 1000 },
  });
  const ajv = validators();
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? ajv.body : ajv.text).compile(schema),
  );
  // Response schemas document; they do not filter what is sent.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler((error: FastifyError, request, reply) => renderError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(errorBody('not-found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
  app.addHook('preParsing', (request, _reply, payload, done) => {
    try {
      done(null, decompress(request, payload));
    } catch (error) {
      done(error as Error);
    }
  });

  // While stopping, answers to requests in flight close their connection, so that a keep-alive client
  // does not hold the server open until its idle timeout.
  let closing = false;
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    // API answers are data, never pages: no sniffing, no framing, no caching of findings by proxies.
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    if (reply.getHeader('cache-control') === undefined) reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  // Webhook deliveries and SLA checks run while the server does; pending deliveries wait in the store.
  app.addHook('onReady', (done) => {
    context.notifier.start();
    done();
  });
  app.addHook('onClose', async () => {
    await context.notifier.stop();
  });

  app.addHook('onResponse', (request, reply, done) => {
    // The route's template keeps the label set bounded; unknown URLs share one label.
    context.metrics.countRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode);
    done();
  });

  const version = serverVersion();
  const openapi = openApiDocument(API_ROUTES, version);
  app.get('/api/openapi.json', (_request, reply) => reply.send(openapi));

  // The caller of each request, found in onRequest and read by the handler.
  const principals = new WeakMap<FastifyRequest, Principal>();
  const responseChecks = new Map<string, ValidateFunction>();
  for (const route of API_ROUTES) {
    app.route({
      method: route.method,
      url: route.url,
      bodyLimit: route.kind === 'ingest' ? (options.ingestBodyLimit ?? DEFAULT_INGEST_LIMIT) : undefined,
      ...(route.kind === 'ingest' ? { schemaErrorFormatter: uploadErrorFormatter } : {}),
      schema: {
        ...(route.schema.params && { params: route.schema.params }),
        ...(route.schema.querystring && { querystring: route.schema.querystring }),
        ...(route.schema.body && { body: route.schema.body }),
      },
      // Before the body is read: an unauthenticated or unauthorised 256 MB upload is refused at once.
      onRequest: async (request, reply) => {
        if (route.kind === 'login') {
          const wait = context.limiters.login.take(request.ip);
          if (wait > 0) throw new RateLimitError('too many sign-in attempts: wait and try again', wait);
        }
        if (route.access === 'public') return;
        const principal = await authenticate(context, request, reply);
        if (principal === undefined) throw new UnauthenticatedError();
        checkCsrf(request, principal);
        authorize(route, principal, request.params as Record<string, unknown>);
        if (route.kind === 'ingest') {
          const wait = context.limiters.ingest.take(actorOf(principal));
          if (wait > 0) throw new RateLimitError('too many uploads: wait and try again', wait);
        }
        principals.set(request, principal);
      },
      handler: async (request, reply) => {
        const ctx: HandlerContext = {
          server: context,
          request,
          reply,
          principal: principals.get(request),
          params: (request.params ?? {}) as Record<string, unknown>,
          query: (request.query ?? {}) as Record<string, unknown>,
          body: request.body,
        };
        const result = await route.handler(ctx);
        const contentType = String(reply.getHeader('content-type') ?? 'application/json');
        if (
          options.checkResponses === true &&
          // A handler that sent its answer itself (a redirect) has no body to check.
          !reply.sent &&
          route.produces === undefined &&
          contentType.startsWith('application/json')
        ) {
          const status = reply.statusCode;
          const schema = route.schema.response[status];
          if (schema === undefined) throw new Error(`${route.operationId}: no response schema for ${status}`);
          const key = `${route.operationId} ${status}`;
          let check = responseChecks.get(key);
          if (check === undefined) {
            check = ajv.body.compile(schema);
            responseChecks.set(key, check);
          }
          if (!check(result))
            throw new Error(
              `${key}: response does not match its schema: ${ajv.body.errorsText(check.errors)}`,
            );
        }
        return result;
      },
    });
  }
  const dashboard = options.dashboard === undefined ? findDashboard() : options.dashboard;
  if (dashboard !== false && dashboard !== undefined) registerDashboard(app, loadDashboard(dashboard));
  context.watch?.start();
  return {
    app,
    openapi,
    async listen({ host, port }) {
      await app.listen({ host, port });
      const address = app.server.address();
      if (address === null || typeof address === 'string') return String(address);
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${shown}:${address.port}`;
    },
    close: async () => {
      closing = true;
      // A watch run in progress finishes (and emits its events) before the store is closed.
      await context.watch?.stop();
      await app.close();
      // Listeners of events already emitted finish before the store is closed by the caller.
      await context.events.idle();
    },
    events: context.events,
    notifier: context.notifier,
    watch: context.watch,
  };
}
