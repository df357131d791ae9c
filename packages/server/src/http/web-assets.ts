import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Serving the web dashboard (`@rampart/web`'s built `dist/`) from the API server: the hashed assets
 * under `/assets/` (cached for a year, immutable) and `index.html` for `/` and the dashboard's own
 * routes (never cached), each with a strict Content-Security-Policy. Files are read once at start-up;
 * only files that exist in the build are served, so no request path ever reaches the file system.
 */

/** Scripts, styles and data only from this origin; no inline code; no framing; no foreign requests. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The dashboard's client-side routes: each answers with `index.html` (deny by default: no catch-all). */
export const DASHBOARD_ROUTES_HTML = [
  '/',
  '/login',
  '/search',
  '/audit',
  '/admin',
  '/admin/*',
  '/projects/*',
] as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

export interface DashboardAssets {
  index: Buffer;
  /** By file name under `assets/`. */
  assets: Map<string, { body: Buffer; type: string }>;
}

/** The `dist/` of the installed `@rampart/web` package, or undefined when it is absent or not built. */
export function findDashboard(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@rampart/web/package.json');
    const dist = join(dirname(pkg), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

/** Read a built dashboard (its `index.html` and `assets/`) into memory. */
export function loadDashboard(root: string): DashboardAssets {
  const index = readFileSync(join(root, 'index.html'));
  const assets = new Map<string, { body: Buffer; type: string }>();
  const folder = join(root, 'assets');
  if (existsSync(folder))
    for (const name of readdirSync(folder).sort()) {
      const type = TYPES[extname(name)];
      const file = join(folder, name);
      if (type === undefined || !statSync(file).isFile()) continue;
      assets.set(name, { body: readFileSync(file), type });
    }
  return { index, assets };
}

function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', DASHBOARD_CSP)
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-opener-policy', 'same-origin');
}

/** Register the dashboard's routes on the server. */
export function registerDashboard(app: FastifyInstance, dashboard: DashboardAssets): void {
  const sendIndex = (_request: unknown, reply: FastifyReply) =>
    pageHeaders(reply)
      .type('text/html; charset=utf-8')
      // Always revalidated: a new release's index names new hashed assets.
      .header('cache-control', 'no-cache')
      .send(dashboard.index);
  for (const url of DASHBOARD_ROUTES_HTML) app.get(url, sendIndex);
  app.get('/assets/:file', (request, reply) => {
    const name = (request.params as { file: string }).file;
    const asset = dashboard.assets.get(name);
    if (asset === undefined)
      return reply.code(404).send({ error: { code: 'not-found', message: `no dashboard asset ${name}` } });
    return pageHeaders(reply)
      .type(asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(asset.body);
  });
}
