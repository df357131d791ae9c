import { randomUUID } from 'node:crypto';
import { actorOf } from '../auth/principal.js';
import type { DeliveryStatus } from '../db/schema.js';
import { ServerError, UnauthenticatedError } from '../errors.js';
import type { Envelope } from '../notify/formats.js';
import {
  createWebhook,
  deleteWebhook,
  enqueueByAdmin,
  getDelivery,
  getWebhook,
  listDeliveries,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
  type WebhookInput,
} from '../notify/webhooks.js';
import type { ApiRoute, HandlerContext } from './route.js';
import { EMPTY, list, page } from './schemas.js';
import * as W from './webhook-schemas.js';

/** The actor of an administrator's request (the server checked who is calling). */
function actor(ctx: HandlerContext): string {
  if (ctx.principal === undefined) throw new UnauthenticatedError();
  return actorOf(ctx.principal);
}

const webhookId = (ctx: HandlerContext) => ctx.params.webhookId as number;

// An opaque cursor naming the last delivery id of the page (as the other list routes do).
function encodeCursor(id: number): string {
  return Buffer.from(`d:${id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const match = /^d:([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match === null)
    throw new ServerError('the cursor is not one this endpoint returned', 400, 'invalid-cursor');
  return Number(match[1]);
}

/** Webhook notifications: administrators only. Appended to `API_ROUTES`. */
export const WEBHOOK_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/webhooks',
    operationId: 'listWebhooks',
    summary: 'Every webhook (URLs shown up to their first path segment, never the secrets)',
    tag: 'webhooks',
    access: 'admin',
    schema: { response: { 200: list(W.WEBHOOK) } },
    handler: async (ctx) => ({ items: await listWebhooks(ctx.server.store) }),
  },
  {
    method: 'POST',
    url: '/api/v1/webhooks',
    operationId: 'createWebhook',
    summary: 'Create a webhook (the signing secret is returned once)',
    description:
      'Notifications: `findings.new` (new or reopened findings of an upload at or above `minSeverity`), `sla.breached` (findings newly past their SLA deadline), `project.affected` (the zero-day watch matched new advisories). Formats: `generic` (signed JSON), `slack` (incoming webhook), `teams` (Adaptive Card). Recorded in the audit log without the secret.',
    tag: 'webhooks',
    access: 'admin',
    schema: { body: W.WEBHOOK_BODY, response: { 201: W.NEW_WEBHOOK } },
    async handler(ctx) {
      const result = await createWebhook(
        ctx.server.store,
        ctx.body as WebhookInput,
        actor(ctx),
        ctx.server.notifier.allowPrivate,
      );
      ctx.reply.code(201);
      return result;
    },
  },
  {
    method: 'GET',
    url: '/api/v1/webhooks/:webhookId',
    operationId: 'getWebhook',
    summary: 'One webhook',
    tag: 'webhooks',
    access: 'admin',
    schema: { params: W.WEBHOOK_PARAMS, response: { 200: W.WEBHOOK } },
    handler: (ctx) => getWebhook(ctx.server.store, webhookId(ctx)),
  },
  {
    method: 'PUT',
    url: '/api/v1/webhooks/:webhookId',
    operationId: 'updateWebhook',
    summary: 'Change a webhook (enable or disable it, its URL, format, events, projects, minimum severity)',
    description: 'Only the fields given change. Recorded in the audit log.',
    tag: 'webhooks',
    access: 'admin',
    schema: { params: W.WEBHOOK_PARAMS, body: W.WEBHOOK_UPDATE_BODY, response: { 200: W.WEBHOOK } },
    handler: (ctx) =>
      updateWebhook(
        ctx.server.store,
        webhookId(ctx),
        ctx.body as Partial<WebhookInput>,
        actor(ctx),
        ctx.server.notifier.allowPrivate,
      ),
  },
  {
    method: 'DELETE',
    url: '/api/v1/webhooks/:webhookId',
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook and its delivery log',
    tag: 'webhooks',
    access: 'admin',
    schema: { params: W.WEBHOOK_PARAMS, response: { 204: EMPTY } },
    async handler(ctx) {
      await deleteWebhook(ctx.server.store, webhookId(ctx), actor(ctx));
      ctx.reply.code(204);
      return null;
    },
  },
  {
    method: 'POST',
    url: '/api/v1/webhooks/:webhookId/secret',
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the signing secret (returned once; the old one stops signing at once)',
    tag: 'webhooks',
    access: 'admin',
    schema: { params: W.WEBHOOK_PARAMS, response: { 200: W.NEW_WEBHOOK } },
    handler: (ctx) => rotateWebhookSecret(ctx.server.store, webhookId(ctx), actor(ctx)),
  },
  {
    method: 'GET',
    url: '/api/v1/webhooks/:webhookId/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "The webhook's delivery log, newest first, one page at a time",
    tag: 'webhooks',
    access: 'admin',
    schema: {
      params: W.WEBHOOK_PARAMS,
      querystring: W.DELIVERIES_QUERY,
      response: { 200: page(W.DELIVERY) },
    },
    async handler(ctx) {
      const query = ctx.query as { status?: DeliveryStatus; limit: number; cursor?: string };
      const beforeId = decodeCursor(query.cursor);
      const rows = await listDeliveries(ctx.server.store, webhookId(ctx), {
        limit: query.limit + 1,
        ...(beforeId !== undefined ? { beforeId } : {}),
        ...(query.status !== undefined ? { status: query.status } : {}),
      });
      const items = rows.slice(0, query.limit);
      return {
        items,
        nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1]!.id) : null,
      };
    },
  },
  {
    method: 'POST',
    url: '/api/v1/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
    operationId: 'redeliverWebhookDelivery',
    summary: 'Send a delivery again (a new delivery with the same payload and event id)',
    tag: 'webhooks',
    access: 'admin',
    schema: { params: W.DELIVERY_PARAMS, response: { 202: W.DELIVERY } },
    async handler(ctx) {
      const id = webhookId(ctx);
      const original = await getDelivery(ctx.server.store, id, ctx.params.deliveryId as number);
      const delivery = await enqueueByAdmin(ctx.server.store, id, () => original.payload as Envelope, {
        actor: actor(ctx),
        action: 'webhook.redelivered',
        data: { original: original.id },
      });
      ctx.server.notifier.kick();
      ctx.reply.code(202);
      return delivery;
    },
  },
  {
    method: 'POST',
    url: '/api/v1/webhooks/:webhookId/ping',
    operationId: 'pingWebhook',
    summary: 'Queue a test notification (`ping`) to the webhook',
    tag: 'webhooks',
    access: 'admin',
    schema: { params: W.WEBHOOK_PARAMS, response: { 202: W.DELIVERY } },
    async handler(ctx) {
      const at = ctx.server.now();
      const delivery = await enqueueByAdmin(
        ctx.server.store,
        webhookId(ctx),
        (webhook): Envelope => ({
          id: randomUUID(),
          type: 'ping',
          at,
          project: null,
          data: { webhook: { id: webhook.id, name: webhook.name }, message: 'Rampart test notification' },
        }),
        { actor: actor(ctx), action: 'webhook.pinged' },
      );
      ctx.server.notifier.kick();
      ctx.reply.code(202);
      return delivery;
    },
  },
];
