import type { ApiRoute } from './route.js';
import { ERROR } from './schemas.js';

/** Fastify's `/a/:b` as OpenAPI's `/a/{b}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const ERROR_RESPONSES: Record<number, string> = {
  400: 'Malformed request (invalid JSON, schema violation, malformed SARIF or SBOM)',
  401: 'Not signed in, or the API token is unknown, expired or revoked',
  403: 'Not allowed (role, token scope, another project) or CSRF check failed',
  404: 'Unknown route, project, scan, finding, user or token',
  413: 'Body larger than the limit (after decompression)',
  415: 'Unsupported content type or content encoding',
  429: 'Rate limited: retry after the Retry-After header',
};

function parameters(schema: object | undefined, where: 'path' | 'query'): object[] {
  if (schema === undefined) return [];
  const { properties = {}, required = [] } = schema as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
      // Arrays are sent as repeated parameters: ?severity=high&severity=critical.
      ...(rest.type === 'array' ? { style: 'form', explode: true } : {}),
    };
  });
}

/** The OpenAPI 3.1 document of the routes, generated from their schemas. */
export function openApiDocument(routes: readonly ApiRoute[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const responses: Record<string, object> = {};
    for (const [status, schema] of Object.entries(route.schema.response)) {
      const empty = (schema as { type?: string }).type === 'null';
      const content: Record<string, object> = { [route.produces ?? 'application/json']: { schema } };
      if (status === '200' && route.alternative !== undefined)
        content[route.alternative.contentType] = { schema: route.alternative.schema };
      responses[status] = {
        description: (schema as { description?: string }).description ?? 'OK',
        ...(empty ? {} : { content }),
      };
    }
    const errors = [400, 404, 415];
    if (route.access !== 'public') errors.push(401, 403);
    if (route.kind !== undefined) errors.push(429);
    if (route.kind === 'ingest') errors.push(413);
    for (const status of errors.sort())
      responses[String(status)] = {
        description: ERROR_RESPONSES[status],
        content: { 'application/json': { schema: ERROR } },
      };
    const access =
      route.access === 'metrics'
        ? 'an administrator, or an API token with the `metrics` scope'
        : typeof route.access === 'string'
          ? route.access
          : `the "${route.access.project}" permission on the project`;
    paths[openApiPath(route.url)] ??= {};
    paths[openApiPath(route.url)]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      description: [route.description, `Access: ${access}.`].filter(Boolean).join('\n\n'),
      tags: [route.tag],
      security: route.access === 'public' ? [] : [{ bearerToken: [] }, { sessionCookie: [] }],
      parameters: [
        ...parameters(route.schema.params, 'path'),
        ...parameters(route.schema.querystring, 'query'),
      ],
      ...(route.schema.body !== undefined
        ? { requestBody: { required: true, content: { 'application/json': { schema: route.schema.body } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rampart server API',
      version,
      description:
        'Upload scans from CI, read findings and their history, triage them, and export the audit log. Errors are `{ "error": { "code", "message" } }`.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API token (rpt_...), scoped to projects and to ingest or read, or server-wide to metrics',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'rampart_session',
          description:
            'After POST /api/v1/session; state-changing requests also need the X-CSRF-Token header',
        },
      },
    },
    paths,
  };
}
