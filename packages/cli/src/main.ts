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
import { scanCommand } from './commands/scan.js';
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

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('rampart')
    .description(
      'Rampart: security checks for every stage of delivery.\nExit codes: 0 pass, 1 policy failed, 2 usage or fatal error.',
    )
    .version(toolInfo().version, '-v, --version')
    .showSuggestionAfterError()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride();

  addTableFlags(
    program
      .command('scan')
      .argument('[path]', 'folder or file to scan', '.')
      .description('Scan a folder and apply the policy gate'),
    SCAN_FLAGS,
  ).action(async (path: string, opts: Record<string, unknown>) => {
    setExit(await scanCommand(io, path, tableFlags(opts, SCAN_FLAGS)));
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
