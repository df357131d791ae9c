import { Command, CommanderError, Option } from 'commander';
import {
  ConfigError,
  OPTIONS,
  UsageError,
  configJsonSchema,
  envName,
  type FlagValue,
  type OptionSpec,
} from '@rampart/core';
import { EXIT, processIo, type CliIo } from './io.js';
import { baselineCreateCommand } from './commands/baseline.js';
import { hookInstallCommand } from './commands/hook.js';
import { initCommand } from './commands/init.js';
import { explainCommand, rulesCommand } from './commands/rules.js';
import { STDIN_TYPES, scanCommand } from './commands/scan.js';
import type { ServerCommandFlags } from './commands/server.js';
import type { ScaFlags } from './sca.js';
import { toolInfo } from './version.js';

const SCAN_FLAGS = OPTIONS.filter((o) => o.sources.flag);

/** Add the options-table flags to a command. */
function addTableFlags(command: Command, options: readonly OptionSpec[]): Command {
  for (const spec of options) {
    const description = `${spec.description} [env: ${envName(spec)}]`;
    if (spec.type.kind === 'boolean') {
      command.addOption(new Option(`--${spec.name}`, description));
      if (spec.default === true) command.addOption(new Option(`--no-${spec.name}`, `Do not: ${spec.name}`));
      continue;
    }
    const repeatable = spec.type.kind === 'list' || spec.type.kind === 'map';
    const option = new Option(`--${spec.name} ${spec.argName ?? '<value>'}`, description);
    if (repeatable)
      option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
    command.addOption(option);
  }
  return command;
}

/** Commander's camelCase keys back to option-table names. */
function tableFlags(opts: Record<string, unknown>, specs: readonly OptionSpec[]): Record<string, FlagValue> {
  const flags: Record<string, FlagValue> = {};
  for (const spec of specs) {
    const key = spec.name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    const value = opts[key];
    if (value !== undefined) flags[spec.name] = value as FlagValue;
  }
  return flags;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function scaFlagsOf(opts: Record<string, unknown>): ScaFlags {
  const flags: ScaFlags = {};
  if (typeof opts.db === 'string') flags.db = opts.db;
  if (typeof opts.sbom === 'string') flags.sbom = opts.sbom;
  if (Array.isArray(opts.vex)) flags.vex = opts.vex as string[];
  if (opts.skipDev === true) flags.skipDev = true;
  return flags;
}

const SERVER_ENV = '[env: RAMPART_HOST, RAMPART_PORT, RAMPART_DATA_DIR; DATABASE_URL for PostgreSQL]';

/** `rampart server [create-admin|create-token]` and `rampart audit verify|export`. */
function addServerCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const dataDir = () =>
    new Option('--data-dir <dir>', 'data directory [env: RAMPART_DATA_DIR; default: ./rampart-data]');
  const server = program
    .command('server')
    .description(
      `Run the Rampart server (HTTP API over SQLite, or PostgreSQL with DATABASE_URL) ${SERVER_ENV}`,
    )
    .option('--host <host>', 'address to listen on [env: RAMPART_HOST; default: 127.0.0.1]')
    .option('--port <port>', 'port, 0 for any free one [env: RAMPART_PORT; default: 8080]')
    .addOption(dataDir())
    .option(
      '--trust-proxy <addresses>',
      'comma-separated addresses or CIDR ranges of reverse proxies to believe X-Forwarded-* from [env: RAMPART_TRUST_PROXY]',
    )
    .option(
      '--webhook-allow-private',
      'let webhooks reach loopback, private and link-local addresses [env: RAMPART_WEBHOOK_ALLOW_PRIVATE=1]',
    )
    .option(
      '--sla-check-interval <minutes>',
      'minutes between checks for new SLA breaches to notify, 0 for none [env: RAMPART_SLA_CHECK_INTERVAL; default: 60]',
    )
    .option(
      '--webhook-log-days <days>',
      'days a finished webhook delivery stays in the delivery log, 0 to keep all [env: RAMPART_WEBHOOK_LOG_DAYS; default: 30]',
    )
    .option(
      '--sla-days <policy>',
      'days to remediate per severity, e.g. critical=7,high=30,medium=90,low=180 (the defaults) [env: RAMPART_SLA_DAYS]',
    )
    // OIDC single sign-on; the client secret only from RAMPART_OIDC_CLIENT_SECRET(_FILE).
    .option(
      '--oidc-issuer <url>',
      'OpenID provider issuer URL; enables OIDC sign-in [env: RAMPART_OIDC_ISSUER]',
    )
    .option('--oidc-client-id <id>', 'client id registered at the provider [env: RAMPART_OIDC_CLIENT_ID]')
    .addOption(new Option('--oidc-client-secret <secret>').hideHelp())
    .option(
      '--public-url <url>',
      'URL users open the server at; the OIDC redirect URI is <url>/api/v1/auth/oidc/callback [env: RAMPART_PUBLIC_URL]',
    )
    .option(
      '--oidc-scopes <scopes>',
      'scopes to ask for [env: RAMPART_OIDC_SCOPES; default: openid email profile]',
    )
    .option(
      '--oidc-admin-groups <groups>',
      'comma-separated groups whose members are administrators [env: RAMPART_OIDC_ADMIN_GROUPS]',
    )
    .option(
      '--oidc-groups-claim <claim>',
      'claim that lists the groups [env: RAMPART_OIDC_GROUPS_CLAIM; default: groups]',
    )
    .option(
      '--oidc-link-by-email',
      'link a first OIDC sign-in to the existing user with the same verified e-mail [env: RAMPART_OIDC_LINK_BY_EMAIL]',
    )
    .option(
      '--oidc-allow-unverified-email',
      'accept e-mail addresses the provider does not mark verified [env: RAMPART_OIDC_ALLOW_UNVERIFIED_EMAIL]',
    )
    .option('--oidc-name <label>', 'label of the sign-in button [env: RAMPART_OIDC_NAME]')
    .option(
      '--advisory-db <file>',
      'advisory database for the zero-day watch (off without one) [env: RAMPART_DB]',
    )
    .option(
      '--watch-interval <duration>',
      'update the advisory database and re-match stored SBOMs this often, e.g. 6h (0: only on request) [env: RAMPART_WATCH_INTERVAL; mirror: RAMPART_OSV_MIRROR]',
    )
    .option(
      '--no-watch-update',
      'scheduled checks only notice changes made to the database file, never download',
    )
    .action(async (opts: ServerCommandFlags) => {
      const { serverCommand } = await import('./commands/server.js');
      setExit(await serverCommand(io, opts));
    });
  server
    .command('create-admin')
    .description('Create an administrator (the password is read from standard input or typed at a prompt)')
    .requiredOption('--email <address>', "the administrator's e-mail address")
    .addOption(dataDir())
    .action(async (_opts: unknown, command: Command) => {
      const { createAdminCommand } = await import('./commands/server.js');
      setExit(await createAdminCommand(io, command.optsWithGlobals<{ email: string; dataDir?: string }>()));
    });
  server
    .command('create-token')
    .description('Create an API token (printed once on stdout), e.g. for CI uploads')
    .requiredOption('--name <name>', 'what the token is for, e.g. "ci"')
    .option('--project <name>', 'a project the token may use (repeatable; not for metrics)', collect)
    .option('--scope <scope>', 'ingest (upload scans), read, or metrics (scrape /metrics)', 'ingest')
    .option('--expires-in-days <days>', 'days until the token expires (1 to 366)', '90')
    .addOption(dataDir())
    .action(async (_opts: unknown, command: Command) => {
      const { createTokenCommand } = await import('./commands/server.js');
      setExit(
        await createTokenCommand(
          io,
          command.optsWithGlobals<{
            name: string;
            project?: string[];
            scope: string;
            expiresInDays?: string;
            dataDir?: string;
          }>(),
        ),
      );
    });

  const audit = program.command('audit').description("The server's tamper-evident audit log");
  audit
    .command('verify')
    .description('Verify the hash chain and signed checkpoints (exit 0 intact, 1 tampered, 2 usage error)')
    .addOption(dataDir())
    .option('--export <file>', 'verify an export (JSON lines) offline instead of the store')
    .option('--public-key <file>', "the server's public key (PEM), kept apart from the server")
    .option('--format <format>', 'text or json', 'text')
    .action(async (opts: { dataDir?: string; export?: string; publicKey?: string; format?: string }) => {
      const { auditVerifyCommand } = await import('./commands/audit.js');
      setExit(await auditVerifyCommand(io, opts));
    });
  audit
    .command('export')
    .description('Write the audit log as JSON lines (and the public key beside the file)')
    .addOption(dataDir())
    .option('-o, --output <file>', 'file to write (default: stdout)')
    .action(async (opts: { dataDir?: string; output?: string }) => {
      const { auditExportCommand } = await import('./commands/audit.js');
      setExit(await auditExportCommand(io, opts));
    });
}

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('rampart')
    .description(
      'Rampart: security checks for every stage of delivery.\nExit codes: 0 pass, 1 policy failed, 2 usage or fatal error.',
    )
    .version(toolInfo().version, '-v, --version')
    .showSuggestionAfterError()
    // `rampart server create-admin --data-dir x`: options after a subcommand belong to the subcommand.
    .enablePositionalOptions()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride();

  addTableFlags(
    program
      .command('scan')
      .argument('[path]', 'folder or file to scan', '.')
      .description('Scan a folder and apply the policy gate')
      .option('--db <file>', 'advisory database for dependency checks [env: RAMPART_DB]')
      .option(
        '--sbom <file>',
        'scan this SBOM (CycloneDX or SPDX) for vulnerable components instead of the tree',
      )
      .option(
        '--vex <file>',
        'VEX document (CycloneDX or OpenVEX): not_affected statements suppress findings',
        collect,
      )
      .option('--skip-dev', 'leave dev and test dependencies out of the dependency checks')
      .option(
        '--stdin',
        'scan text piped to standard input (e.g. `helm template ... | rampart scan --stdin --type k8s`)',
      )
      .option('--type <type>', `what standard input holds: ${STDIN_TYPES.join(', ')}`)
      .option(
        '--upload <server-url>',
        "send the result to a Rampart server (API token in RAMPART_TOKEN); the exit code stays the scan's",
      )
      .option(
        '--project <name>',
        'project name on the server (default: RAMPART_PROJECT, the CI repository, the git remote or the folder)',
      ),
    SCAN_FLAGS,
  ).action(async (path: string, opts: Record<string, unknown>) => {
    const stdin =
      opts.stdin === true ? { type: typeof opts.type === 'string' ? opts.type : undefined } : undefined;
    if (!stdin && opts.type !== undefined) throw new UsageError('--type needs --stdin');
    if (opts.upload === undefined && opts.project !== undefined)
      throw new UsageError('--project needs --upload');
    const upload =
      typeof opts.upload === 'string'
        ? { url: opts.upload, ...(typeof opts.project === 'string' ? { project: opts.project } : {}) }
        : undefined;
    setExit(await scanCommand(io, path, tableFlags(opts, SCAN_FLAGS), scaFlagsOf(opts), stdin, upload));
  });

  program
    .command('rules')
    .description('List rules with their metadata')
    .option('--scanner <id>', 'only rules of this scanner')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: { scanner?: string; format?: string }) => {
      setExit(await rulesCommand(io, opts));
    });

  program
    .command('explain')
    .argument('<rule-id>', 'rule id, e.g. secrets/aws-access-key-id')
    .description('Explain a rule: why it matters, a bad and a good example, how to fix')
    .action(async (ruleId: string) => {
      setExit(await explainCommand(io, ruleId, io.stdoutIsTTY && io.env.NO_COLOR === undefined));
    });

  program
    .command('init')
    .argument('[dir]', 'folder to write rampart.yml in', '.')
    .option('--force', 'overwrite an existing rampart.yml')
    .description('Write a commented rampart.yml')
    .action(async (dir: string, opts: { force?: boolean }) => {
      setExit(await initCommand(io, dir, opts.force === true));
    });

  const baseline = program.command('baseline').description('Manage the baseline of accepted findings');
  const BASELINE_FLAGS = SCAN_FLAGS.filter(
    (o) => !['format', 'output', 'diff-base', 'baseline', 'progress', 'color'].includes(o.name),
  );
  addTableFlags(
    baseline
      .command('create')
      .argument('[path]', 'folder to scan', '.')
      .option(
        '-o, --output <file>',
        'baseline file to write (default: the baseline option, .rampart-baseline.json)',
      )
      .description('Scan and record every open finding as accepted'),
    BASELINE_FLAGS,
  ).action(async (path: string, opts: Record<string, unknown>) => {
    setExit(
      await baselineCreateCommand(
        io,
        path,
        tableFlags(opts, BASELINE_FLAGS),
        opts.output as string | undefined,
      ),
    );
  });

  program
    .command('hook')
    .description('Git hooks')
    .command('install')
    .argument('[dir]', 'folder inside the git repository', '.')
    .option('--force', 'replace an existing pre-commit hook not written by rampart')
    .description('Install a pre-commit hook that scans staged changes (rampart scan --staged)')
    .action(async (dir: string, opts: { force?: boolean }) => {
      setExit(await hookInstallCommand(io, dir, opts.force === true));
    });

  const db = program
    .command('db')
    .description('The local advisory database (OSV) that dependency checks match against');
  db.command('update')
    .option('--db <file>', 'database file [env: RAMPART_DB; default: the user cache folder]')
    .option(
      '--mirror <url>',
      "base URL of the OSV data (default: OSV's public bucket) [env: RAMPART_OSV_MIRROR]",
    )
    .option('--ecosystems <list>', 'comma-separated OSV ecosystems (default: every ecosystem Rampart reads)')
    .description(
      'Download the OSV advisories of each ecosystem (resumable, only when changed) and rebuild the index',
    )
    .action(async (opts: { db?: string; mirror?: string; ecosystems?: string }) => {
      const { dbUpdateCommand } = await import('./commands/db.js');
      setExit(await dbUpdateCommand(io, opts));
    });
  db.command('import')
    .argument('<source...>', 'folder of OSV JSON files, an OSV all.zip, or a .jsonl / .jsonl.gz file')
    .option('--db <file>', 'database file [env: RAMPART_DB; default: the user cache folder]')
    .option('--replace', 'drop what the database held before (default: merge)')
    .description('Import OSV advisories from local files (air-gapped use)')
    .action(async (sources: string[], opts: { db?: string; replace?: boolean }) => {
      const { dbImportCommand } = await import('./commands/db.js');
      setExit(await dbImportCommand(io, sources, opts));
    });
  db.command('status')
    .option('--db <file>', 'database file [env: RAMPART_DB; default: the user cache folder]')
    .option('--format <format>', 'table or json', 'table')
    .description('Show what the advisory database holds and when it was updated')
    .action(async (opts: { db?: string; format?: string }) => {
      const { dbStatusCommand } = await import('./commands/db.js');
      setExit(dbStatusCommand(io, opts));
    });

  program
    .command('sbom')
    .argument('[path]', 'folder to inventory', '.')
    .option('--format <format>', 'cyclonedx (JSON), cyclonedx-xml or spdx (JSON)', 'cyclonedx')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--name <name>', 'name of the described project (default: the folder name)')
    .option('--skip-dev', 'leave dev and test dependencies out')
    .description('Write an SBOM of every lockfile in the tree (CycloneDX 1.6 or SPDX 2.3)')
    .action(
      async (path: string, opts: { format?: string; output?: string; name?: string; skipDev?: boolean }) => {
        const { sbomCommand } = await import('./commands/sbom.js');
        setExit(await sbomCommand(io, path, opts));
      },
    );

  addServerCommands(program, io, setExit);

  const config = program.command('config').description('Configuration helpers');
  config
    .command('schema')
    .description('Print the JSON Schema of rampart.yml')
    .action(() => {
      io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
      setExit(EXIT.ok);
    });

  return program;
}

/** Run the CLI; resolves to the exit code. Never throws for user errors. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.ok;
  const debug = argv.includes('--debug') || ['1', 'true'].includes(io.env.RAMPART_DEBUG ?? '');
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; argument errors were already printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (error instanceof ConfigError || error instanceof UsageError) {
      io.stderr(`rampart: ${error.message}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return EXIT.error;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`rampart: internal error: ${message}\n`);
    io.stderr(
      debug && error instanceof Error && error.stack
        ? `${error.stack}\n`
        : 'Run again with --debug for details.\n',
    );
    return EXIT.error;
  }
}
