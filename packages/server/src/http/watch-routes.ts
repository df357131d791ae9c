import { actorOf } from '../auth/principal.js';
import { UnauthenticatedError } from '../errors.js';
import { WatchDisabledError, type WatchStatus } from '../watch/index.js';
import type { ApiRoute, HandlerContext } from './route.js';
import { ERROR } from './schemas.js';

/** The zero-day watch's routes (administrators only), spread into `API_ROUTES`. */

const TIMESTAMP = { type: 'integer', description: 'milliseconds since the Unix epoch' } as const;
const STRINGS = { type: 'array', items: { type: 'string' } } as const;

const WATCH_RUN = {
  type: 'object',
  required: [
    'trigger',
    'startedAt',
    'finishedAt',
    'updated',
    'rematched',
    'database',
    'projectsChecked',
    'branchesChecked',
    'newlyAffected',
    'errors',
  ],
  properties: {
    trigger: { enum: ['schedule', 'api'] },
    startedAt: TIMESTAMP,
    finishedAt: TIMESTAMP,
    updated: {
      type: ['boolean', 'null'],
      description: 'whether an update downloaded anything; null: none asked',
    },
    rematched: {
      type: 'boolean',
      description: 'false when a scheduled check found the database unchanged since the last re-match',
    },
    database: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['generation', 'updatedAt'],
          properties: {
            generation: { type: 'string', description: 'identifies the database content' },
            updatedAt: { type: 'string', description: 'when it was last built (ISO 8601), or empty' },
          },
        },
      ],
    },
    projectsChecked: { type: 'integer' },
    branchesChecked: { type: 'integer' },
    newlyAffected: {
      type: 'array',
      items: {
        type: 'object',
        required: ['project', 'branch', 'scanId', 'advisories', 'findings'],
        properties: {
          project: { type: 'string' },
          branch: { type: 'string' },
          scanId: { type: 'integer' },
          advisories: STRINGS,
          findings: { type: 'integer', description: 'findings created or reopened' },
        },
      },
    },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['message'],
        properties: { project: { type: 'string' }, branch: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

const WATCH_STATUS = {
  type: 'object',
  required: ['enabled', 'database', 'intervalMs', 'update', 'running', 'lastRun', 'lastRematch'],
  properties: {
    enabled: { type: 'boolean' },
    database: { type: ['string', 'null'], description: 'the advisory database file' },
    intervalMs: { type: 'integer', description: 'scheduled checks, every this many ms (0: none)' },
    update: { type: 'boolean', description: 'scheduled checks download updates first' },
    running: { type: 'boolean' },
    lastRun: { oneOf: [{ type: 'null' }, WATCH_RUN] },
    lastRematch: { oneOf: [{ type: 'null' }, WATCH_RUN] },
  },
} as const;

const RUN_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    update: {
      type: 'boolean',
      default: false,
      description: 'download advisory updates first, as `rampart db update` does',
    },
  },
} as const;

const DISABLED: WatchStatus = {
  enabled: false,
  database: null,
  intervalMs: 0,
  update: false,
  running: false,
  lastRun: null,
  lastRematch: null,
};

function watchOf(ctx: HandlerContext) {
  const watch = ctx.server.watch;
  if (watch === undefined) throw new WatchDisabledError();
  return watch;
}

export const WATCH_ROUTES: ApiRoute[] = [
  {
    method: 'GET',
    url: '/api/v1/watch',
    operationId: 'getWatch',
    summary: 'The zero-day watch: its settings and what its last run did',
    tag: 'watch',
    access: 'admin',
    schema: { response: { 200: WATCH_STATUS } },
    handler: (ctx) => Promise.resolve(ctx.server.watch?.status() ?? DISABLED),
  },
  {
    method: 'POST',
    url: '/api/v1/watch/run',
    operationId: 'runWatch',
    summary: "Re-match every project's latest SBOM against the advisory database now",
    description:
      'Waits for the run and returns what it did. `?update=true` downloads advisory updates first. 409 when the watch is off or a run is already in progress.',
    tag: 'watch',
    access: 'admin',
    schema: { querystring: RUN_QUERY, response: { 200: WATCH_RUN, 409: ERROR } },
    async handler(ctx) {
      const watch = watchOf(ctx);
      if (ctx.principal === undefined) throw new UnauthenticatedError();
      return watch.run({
        trigger: 'api',
        update: (ctx.query as { update: boolean }).update,
        requestedBy: actorOf(ctx.principal),
      });
    },
  },
];
