/** JSON Schemas of the webhook routes (request validation and the OpenAPI document). */
import { CURSOR, PROJECT_NAME, SEVERITY } from './schemas.js';

const ID = { type: 'integer', minimum: 1 } as const;
const TIMESTAMP = { type: 'integer', description: 'milliseconds since the Unix epoch' } as const;
const NULLABLE_TIMESTAMP = { type: ['integer', 'null'] } as const;

const NAME = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
} as const;
const URL = {
  type: 'string',
  minLength: 8,
  maxLength: 2048,
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
  description:
    'http(s) URL without user name or password. Loopback, private, link-local and reserved addresses are refused unless the server allows them (`webhookAllowPrivate`).',
} as const;
const FORMAT = { enum: ['generic', 'slack', 'teams'] } as const;
const EVENT_TYPE = { enum: ['findings.new', 'sla.breached', 'project.affected'] } as const;
const EVENTS = {
  type: 'array',
  items: EVENT_TYPE,
  minItems: 1,
  maxItems: 3,
  uniqueItems: true,
  description: 'the notifications the webhook receives',
} as const;
const PROJECTS = {
  type: 'array',
  items: PROJECT_NAME,
  maxItems: 100,
  uniqueItems: true,
  description: 'only these projects; empty for every project',
} as const;
const MIN_SEVERITY = {
  ...SEVERITY,
  description: 'the lowest severity that alerts (new findings and SLA breaches)',
} as const;

export const WEBHOOK_PARAMS = {
  type: 'object',
  required: ['webhookId'],
  properties: { webhookId: ID },
} as const;

export const DELIVERY_PARAMS = {
  type: 'object',
  required: ['webhookId', 'deliveryId'],
  properties: { webhookId: ID, deliveryId: ID },
} as const;

export const WEBHOOK_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'url'],
  properties: {
    name: NAME,
    url: URL,
    format: { ...FORMAT, default: 'generic' },
    events: { ...EVENTS, default: ['findings.new', 'project.affected', 'sla.breached'] },
    projects: { ...PROJECTS, default: [] },
    minSeverity: { ...MIN_SEVERITY, default: 'high' },
    enabled: { type: 'boolean', default: true },
  },
} as const;

export const WEBHOOK_UPDATE_BODY = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'the settings to change; the others keep their value',
  properties: {
    name: NAME,
    url: URL,
    format: FORMAT,
    events: EVENTS,
    projects: PROJECTS,
    minSeverity: MIN_SEVERITY,
    enabled: { type: 'boolean' },
  },
} as const;

export const WEBHOOK = {
  type: 'object',
  required: [
    'id',
    'name',
    'url',
    'format',
    'events',
    'projects',
    'minSeverity',
    'enabled',
    'createdBy',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: ID,
    name: { type: 'string' },
    url: {
      type: 'string',
      description: 'origin and first path segment only: the rest of a chat webhook URL is a credential',
    },
    format: FORMAT,
    events: { type: 'array', items: EVENT_TYPE },
    projects: { type: 'array', items: { type: 'string' } },
    minSeverity: SEVERITY,
    enabled: { type: 'boolean' },
    createdBy: { type: 'string' },
    createdAt: TIMESTAMP,
    updatedAt: TIMESTAMP,
  },
} as const;

export const NEW_WEBHOOK = {
  type: 'object',
  required: ['secret', 'webhook'],
  properties: {
    secret: {
      type: 'string',
      description: 'the HMAC-SHA256 key of X-Rampart-Signature (rwh_...): shown this once, store it now',
    },
    webhook: WEBHOOK,
  },
} as const;

const STATUS = { enum: ['pending', 'delivered', 'failed'] } as const;

export const DELIVERY = {
  type: 'object',
  required: [
    'id',
    'webhookId',
    'eventId',
    'type',
    'project',
    'status',
    'attempts',
    'nextAttemptAt',
    'lastStatusCode',
    'lastError',
    'createdAt',
    'updatedAt',
    'deliveredAt',
    'payload',
  ],
  properties: {
    id: ID,
    webhookId: ID,
    eventId: { type: 'string', description: "the payload's id: the same for every webhook and redelivery" },
    type: { enum: ['findings.new', 'sla.breached', 'project.affected', 'ping'] },
    project: { type: ['string', 'null'] },
    status: STATUS,
    attempts: { type: 'integer', minimum: 0 },
    nextAttemptAt: NULLABLE_TIMESTAMP,
    lastStatusCode: { type: ['integer', 'null'] },
    lastError: { type: ['string', 'null'] },
    createdAt: TIMESTAMP,
    updatedAt: TIMESTAMP,
    deliveredAt: NULLABLE_TIMESTAMP,
    payload: {
      type: 'object',
      required: ['id', 'type', 'at', 'project', 'data'],
      description: 'the generic envelope (what a `generic` webhook receives as its body)',
      properties: {
        id: { type: 'string' },
        type: { type: 'string' },
        at: TIMESTAMP,
        project: { type: ['string', 'null'] },
        data: { type: 'object' },
      },
    },
  },
} as const;

export const DELIVERIES_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: STATUS,
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    cursor: CURSOR,
  },
} as const;
