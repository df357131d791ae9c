import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OidcRelyingParty } from '../auth/oidc.js';
import type { Principal, ProjectPermission } from '../auth/principal.js';
import type { EventBus } from '../events.js';
import type { Notifier } from '../notify/index.js';
import type { Store } from '../store.js';
import type { ProcessMetrics } from '../visibility/metrics.js';
import type { SlaPolicy } from '../visibility/sla.js';
import type { ZeroDayWatch } from '../watch/index.js';
import type { RateLimiter } from './rate-limit.js';

/**
 * Who may call a route. Deny by default: every route names its access, and the server checks it before
 * the body is read and before the handler runs.
 * - `public`: anyone (health, login, the OpenAPI document);
 * - `authenticated`: any user or token (the handler shows only what the caller may read);
 * - `user`: a signed-in user (not a token);
 * - `admin`: a server administrator;
 * - `metrics`: an administrator or a `metrics` token (see `mayReadMetrics`);
 * - `{ project }`: this permission on the `:project` of the URL (see `allows`).
 */
export type Access =
  'public' | 'authenticated' | 'user' | 'admin' | 'metrics' | { project: ProjectPermission };

export interface RouteSchema {
  params?: object;
  querystring?: object;
  body?: object;
  /** By status code; documents the response and is checked in tests (`checkResponses`). */
  response: Record<number, object>;
}

export interface ServerContext {
  store: Store;
  now: () => number;
  sessionTtlMs: number;
  secureCookies: boolean;
  limiters: { login: RateLimiter; loginAccount: RateLimiter; ingest: RateLimiter };
  /** Request counts and ingest durations of this process, for `/metrics`. */
  metrics: ProcessMetrics;
  /** The server's SLA policy from its options; the one stored through the API wins over it. */
  slaPolicy: Partial<SlaPolicy>;
  /** The one-time setup token's hash while no administrator exists, else undefined. */
  setup: { tokenHash: string | undefined };
  /** Where committed changes are announced (webhooks and the watch listen). */
  events: EventBus;
  /** Webhook notifications (queue, dispatcher, SLA checks). */
  notifier: Notifier;
  /** OIDC single sign-on, when configured. */
  oidc: OidcRelyingParty | undefined;
  /** The zero-day watch, when the server has an advisory database. */
  watch?: ZeroDayWatch;
}

export interface HandlerContext {
  server: ServerContext;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Set for every route but `public` ones. */
  principal: Principal | undefined;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify syntax: `/api/v1/projects/:project/scans`. */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  /** `ingest`: the ingest body limit and rate limit. */
  kind?: 'ingest' | 'login';
  /** Response content type when not JSON. */
  produces?: string;
  /** Another representation of the 200 response (e.g. CSV with `?format=csv`), for the OpenAPI document. */
  alternative?: { contentType: string; schema: object };
  schema: RouteSchema;
  handler(ctx: HandlerContext): Promise<unknown>;
}
