import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { UsageError } from '@rampart/core';
import type { Store } from '@rampart/server';
import { EXIT, type CliIo } from '../io.js';
import { checkOidcAtStart, oidcOptions, type OidcFlags } from './server-oidc.js';

/**
 * `rampart server` and its helpers. `@rampart/server` (and with it the SQLite addon) is imported only
 * here and only when one of these commands runs, so `rampart scan` never loads it.
 */

export interface ServerFlags {
  host?: string;
  port?: string;
  dataDir?: string;
  trustProxy?: string;
  webhookAllowPrivate?: boolean;
  slaCheckInterval?: string;
  slaDays?: string;
  webhookLogDays?: string;
  advisoryDb?: string;
  watchInterval?: string;
  /** `--no-watch-update`: false. */
  watchUpdate?: boolean;
}

/** Shortest schedule for the zero-day watch: each check may download from the advisory mirror. */
const MIN_WATCH_INTERVAL_MS = 60_000;

/**
 * The zero-day watch's settings: the advisory database (`--advisory-db`, else `RAMPART_DB`; the watch
 * is off without one), the schedule (`--watch-interval`, else `RAMPART_WATCH_INTERVAL`; `0` or absent:
 * only on request through the API) and the mirror of `rampart db update` (`RAMPART_OSV_MIRROR`).
 */
export async function watchSettings(
  io: CliIo,
  flags: ServerFlags,
): Promise<
  { database: string; intervalMs: number; update: { mirror?: string }; scheduledUpdate: boolean } | undefined
> {
  const { parseDuration } = await import('@rampart/server');
  const file = flags.advisoryDb ?? io.env.RAMPART_DB ?? '';
  const intervalText = flags.watchInterval ?? io.env.RAMPART_WATCH_INTERVAL ?? '0';
  const intervalMs = parseDuration(intervalText);
  if (intervalMs === undefined)
    throw new UsageError(
      `invalid watch interval "${intervalText}": a number and a unit (ms, s, m, h, d), e.g. 6h, or 0 for none`,
    );
  if (intervalMs > 0 && intervalMs < MIN_WATCH_INTERVAL_MS)
    throw new UsageError(`the watch interval must be at least 1m (or 0 for none), not "${intervalText}"`);
  if (file === '') {
    if (intervalMs > 0)
      throw new UsageError('--watch-interval needs an advisory database: --advisory-db <file> or RAMPART_DB');
    return undefined;
  }
  const mirror = io.env.RAMPART_OSV_MIRROR;
  return {
    database: resolve(io.cwd, file),
    intervalMs,
    update: mirror ? { mirror } : {},
    scheduledUpdate: flags.watchUpdate !== false,
  };
}

/** The flags of `rampart server` itself. */
export type ServerCommandFlags = ServerFlags & OidcFlags;

/** The server's settings from flags, then `RAMPART_*` / `DATABASE_URL` variables, then defaults. */
export function serverSettings(io: CliIo, flags: ServerFlags) {
  const host = flags.host ?? io.env.RAMPART_HOST ?? '127.0.0.1';
  const portText = flags.port ?? io.env.RAMPART_PORT ?? '8080';
  if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) > 65535)
    throw new UsageError(`invalid port "${portText}": a number from 0 to 65535`);
  const dataDir = resolve(io.cwd, flags.dataDir ?? io.env.RAMPART_DATA_DIR ?? 'rampart-data');
  const databaseUrl = io.env.DATABASE_URL ?? '';
  // Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For/-Host/-Proto are believed.
  const trustProxy = (flags.trustProxy ?? io.env.RAMPART_TRUST_PROXY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return { host, port: Number(portText), dataDir, databaseUrl, trustProxy };
}

/**
 * Notification settings from flags, then `RAMPART_WEBHOOK_ALLOW_PRIVATE` (1 or true),
 * `RAMPART_SLA_CHECK_INTERVAL` (minutes; 0 turns the SLA check off) and `RAMPART_WEBHOOK_LOG_DAYS` (days a
 * finished delivery stays in the delivery log; 0 keeps them), then defaults (refused; 60 minutes; 30 days).
 */
export function notificationSettings(io: CliIo, flags: ServerFlags) {
  const allow = io.env.RAMPART_WEBHOOK_ALLOW_PRIVATE ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(allow))
    throw new UsageError(`invalid RAMPART_WEBHOOK_ALLOW_PRIVATE "${allow}": 1 or 0`);
  const webhookAllowPrivate = flags.webhookAllowPrivate === true || allow === '1' || allow === 'true';
  const minutes = flags.slaCheckInterval ?? io.env.RAMPART_SLA_CHECK_INTERVAL ?? '60';
  if (!/^[0-9]{1,5}$/.test(minutes) || Number(minutes) > 10_080)
    throw new UsageError(`invalid SLA check interval "${minutes}": minutes from 0 (off) to 10080 (a week)`);
  const days = flags.webhookLogDays ?? io.env.RAMPART_WEBHOOK_LOG_DAYS ?? '30';
  if (!/^[0-9]{1,4}$/.test(days) || Number(days) > 3650)
    throw new UsageError(`invalid webhook log retention "${days}": days from 0 (keep all) to 3650`);
  return {
    webhookAllowPrivate,
    slaCheckIntervalMs: Number(minutes) * 60_000,
    webhookDelivery: { keepMs: Number(days) * 24 * 60 * 60_000 },
    ...slaSettings(io, flags),
  };
}

const SLA_ENTRY = /^(critical|high|medium|low)=([0-9]{1,4})$/;

/**
 * Days to remediate per severity from `--sla-days` (else `RAMPART_SLA_DAYS`), e.g. `critical=3,high=14`;
 * severities left out keep the defaults (7/30/90/180). A policy stored through the API wins over it.
 */
export function slaSettings(io: CliIo, flags: ServerFlags): { slaPolicy?: Record<string, number> } {
  const text = (flags.slaDays ?? io.env.RAMPART_SLA_DAYS ?? '').trim();
  if (text === '') return {};
  const policy: Record<string, number> = {};
  for (const entry of text.split(',')) {
    const match = SLA_ENTRY.exec(entry.trim());
    const days = Number(match?.[2]);
    if (match === null || days < 1 || days > 3650)
      throw new UsageError(
        `invalid SLA "${entry.trim()}": severity=days (critical, high, medium, low; 1 to 3650 days), e.g. critical=7,high=30`,
      );
    if (policy[match[1]!] !== undefined) throw new UsageError(`the SLA for ${match[1]} is given twice`);
    policy[match[1]!] = days;
  }
  return { slaPolicy: policy };
}

/** Loopback addresses, where plain-http development may use cookies without the Secure flag. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.[0-9.]+$/.test(host);
}

/** A database URL with its password masked, for messages. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '****';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

async function openConfiguredStore(io: CliIo, flags: ServerFlags): Promise<Store> {
  const { openStore, ServerError } = await import('@rampart/server');
  const settings = serverSettings(io, flags);
  try {
    return await openStore({
      dataDir: settings.dataDir,
      ...(settings.databaseUrl !== '' ? { databaseUrl: settings.databaseUrl } : {}),
    });
  } catch (error) {
    if (error instanceof ServerError) throw new UsageError(error.message);
    const where = settings.databaseUrl !== '' ? maskUrl(settings.databaseUrl) : settings.dataDir;
    throw new UsageError(
      `cannot open the store at ${where}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** What the command waits on to stop: SIGTERM and SIGINT by default, a promise in tests. */
export type StopSignal = (stop: (signal: string) => void) => () => void;

const processSignals: StopSignal = (stop) => {
  const onTerm = () => stop('SIGTERM');
  const onInt = () => stop('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  return () => {
    process.removeListener('SIGTERM', onTerm);
    process.removeListener('SIGINT', onInt);
  };
};

/**
 * `rampart server`: open (and migrate) the store, serve the API, log JSON lines to stdout, and on
 * SIGTERM or SIGINT finish the requests in flight, then close the store.
 */
export async function serverCommand(
  io: CliIo,
  flags: ServerCommandFlags,
  signals: StopSignal = processSignals,
): Promise<number> {
  const settings = serverSettings(io, flags);
  const notifications = notificationSettings(io, flags);
  const oidc = oidcOptions(io, flags);
  if (oidc !== undefined) await checkOidcAtStart(oidc);
  const watch = await watchSettings(io, flags);
  const { createServer, countAdmins } = await import('@rampart/server');
  const store = await openConfiguredStore(io, flags);
  let setupToken: string | undefined;
  if ((await countAdmins(store)) === 0) setupToken = randomBytes(24).toString('base64url');
  const server = createServer({
    store,
    secureCookies: !isLoopback(settings.host) || settings.trustProxy.length > 0,
    ...(settings.trustProxy.length > 0 ? { trustProxy: settings.trustProxy } : {}),
    ...(setupToken !== undefined ? { setupToken } : {}),
    ...notifications,
    ...(oidc !== undefined ? { oidc } : {}),
    ...(watch !== undefined ? { watch } : {}),
    logger: {
      level: io.env.RAMPART_LOG_LEVEL ?? 'info',
      // Credentials never reach the log, even if a serializer starts to include headers.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      stream: { write: (line: string) => io.stdout(line) },
    },
  });
  const log = server.app.log;
  let address: string;
  try {
    address = await server.listen({ host: settings.host, port: settings.port });
  } catch (error) {
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot listen on ${settings.host}:${settings.port}: ${code ?? (error instanceof Error ? error.message : String(error))}`,
    );
  }
  log.info(
    {
      event: 'started',
      address,
      store: store.dialect,
      dataDir: settings.dataDir,
      ...(settings.databaseUrl !== '' ? { database: maskUrl(settings.databaseUrl) } : {}),
      ...(watch !== undefined
        ? {
            watch: {
              advisoryDb: watch.database,
              intervalMs: watch.intervalMs,
              update: watch.scheduledUpdate,
            },
          }
        : {}),
    },
    `rampart server listening on ${address}`,
  );
  if (oidc !== undefined)
    log.info(
      { event: 'oidc-enabled', issuer: oidc.issuer, clientId: oidc.clientId },
      `OIDC sign-in through ${oidc.issuer}`,
    );
  if (setupToken !== undefined) {
    log.warn({ event: 'no-admin' }, 'no administrator exists yet: see the setup instructions on stderr');
    // The one-time token goes to the terminal, not into the JSON log that is shipped and kept.
    io.stderr(
      `rampart: no administrator exists yet. Create one with\n` +
        `  rampart server create-admin --email you@example.com --data-dir ${settings.dataDir}\n` +
        `or, once, with this setup token (valid until the server stops):\n` +
        `  curl -X POST ${address}/api/v1/setup -H 'content-type: application/json' \\\n` +
        `    -d '{"setupToken":"${setupToken}","email":"you@example.com","password":"..."}'\n`,
    );
  }

  const signal = await new Promise<string>((resolveStop) => {
    const dispose = signals((name) => {
      dispose();
      resolveStop(name);
    });
  });
  log.info({ event: 'stopping', signal }, `${signal}: finishing requests in flight`);
  let forced = false;
  const force = setTimeout(() => {
    forced = true;
    log.warn({ event: 'force-close' }, 'requests still running after 30 s: closing their connections');
    server.app.server.closeAllConnections();
  }, 30_000);
  force.unref();
  try {
    await server.close();
  } finally {
    clearTimeout(force);
    await store.close();
  }
  log.info({ event: 'stopped' }, 'rampart server stopped');
  return forced ? EXIT.error : EXIT.ok;
}

async function readNewPassword(io: CliIo): Promise<string> {
  if (!io.readSecret) throw new UsageError('cannot read a password: standard input is not available');
  const { passwordProblem } = await import('@rampart/server');
  const password = await io.readSecret('Password: ');
  const problem = passwordProblem(password);
  if (problem !== undefined) throw new UsageError(problem);
  return password;
}

/** `rampart server create-admin --email ...`: the password comes from standard input or a prompt. */
export async function createAdminCommand(io: CliIo, opts: ServerFlags & { email: string }): Promise<number> {
  const { createUser, ServerError } = await import('@rampart/server');
  const password = await readNewPassword(io);
  const store = await openConfiguredStore(io, opts);
  try {
    const user = await createUser(store, { email: opts.email, password, admin: true }, 'cli:create-admin');
    io.stdout(`created administrator ${user.email} (user ${user.id})\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ServerError) throw new UsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

/**
 * `rampart server create-token`: an API token for CI, straight from the data directory (for the first
 * token, before anyone has signed in). The token is the only thing on stdout.
 */
export async function createTokenCommand(
  io: CliIo,
  opts: ServerFlags & { name: string; project?: string[]; scope: string; expiresInDays?: string },
): Promise<number> {
  const { createToken, ServerError } = await import('@rampart/server');
  if (opts.scope !== 'ingest' && opts.scope !== 'read' && opts.scope !== 'metrics')
    throw new UsageError(`invalid --scope "${opts.scope}": ingest, read or metrics`);
  const projects = opts.project ?? [];
  if (opts.scope === 'metrics' && projects.length > 0)
    throw new UsageError('a metrics token is server-wide: leave out --project');
  if (opts.scope !== 'metrics' && projects.length === 0)
    throw new UsageError(`an ${opts.scope} token needs at least one --project`);
  const days = Number(opts.expiresInDays ?? '90');
  if (!Number.isInteger(days) || days < 1 || days > 366)
    throw new UsageError('--expires-in-days must be a whole number from 1 to 366');
  const project = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;
  for (const p of projects) if (!project.test(p)) throw new UsageError(`invalid project name "${p}"`);
  const store = await openConfiguredStore(io, opts);
  try {
    const { token, view } = await createToken(
      store,
      {
        name: opts.name,
        scope: opts.scope,
        projects,
        expiresAt: Date.now() + days * 86_400_000,
      },
      'cli:create-token',
    );
    io.stderr(
      `rampart: created ${view.scope} token ${view.id} "${view.name}" for ` +
        `${view.projects.length > 0 ? view.projects.join(', ') : 'the whole server'}, ` +
        `expires ${new Date(view.expiresAt).toISOString().slice(0, 10)}. It is shown only now:\n`,
    );
    io.stdout(`${token}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ServerError) throw new UsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}
