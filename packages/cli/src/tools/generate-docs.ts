/**
 * Generates docs/configuration.md and schemas/rampart-config.schema.json from the options table.
 * `npm run docs:generate` writes them; a test fails when they are out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPTIONS, configJsonSchema, describeType, envName } from '@rampart/core';

export function configurationDoc(): string {
  const rows = OPTIONS.map((o) => {
    const where = [
      o.sources.file ? `\`${o.name}:\`` : '',
      o.sources.env ? `\`${envName(o)}\`` : '',
      o.sources.flag ? `\`--${o.name}\`` : '',
    ]
      .filter((s) => s !== '')
      .join('<br>');
    const def = o.defaultText ?? (o.default === undefined ? '-' : `\`${JSON.stringify(o.default)}\``);
    return `| \`${o.name}\` | ${where} | ${describeType(o.type)} | ${def} | ${o.description.replaceAll('|', '\\|')} |`;
  });
  return [
    '# Configuration',
    '',
    '<!-- Generated from the options table (packages/core/src/config/options.ts) by `npm run docs:generate`. Do not edit. -->',
    '',
    'Rampart reads `rampart.yml` (or `rampart.yaml`, `.rampart.yml`, `.rampart.yaml`) in the scanned folder, or the file',
    'given with `--config`. Every option can also be set with an environment variable and a flag; precedence is',
    '**defaults < config file < environment < flags**. A list option takes comma-separated values in the',
    'environment and on the command line (flags can also be repeated); a map option takes `key=value` items.',
    '',
    'The JSON Schema of the file is [`schemas/rampart-config.schema.json`](../schemas/rampart-config.schema.json)',
    '(`rampart config schema` prints it); editors with the YAML language server validate and complete the file with it.',
    'An invalid file stops the run with exit code 2 and lists every problem at once with its file and line:',
    '',
    '```text',
    'rampart: invalid config file rampart.yml:',
    '  rampart.yml:2:10: fail-on: expected one of critical, high, medium, low, info, none',
    '  rampart.yml:4:1: colour: unknown key',
    '```',
    '',
    '| Option | Where | Type | Default | Meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Relative paths',
    '',
    'Paths in the config file are relative to the file; paths from flags and the environment are relative to the',
    'working directory; default paths (`.rampart-baseline.json`, `.rampart-suppressions.yml`) are relative to the',
    'scanned folder.',
    '',
    '## Example',
    '',
    '```yaml',
    'version: 1',
    'fail-on: high',
    'fail-on-rules: [secrets/private-key]',
    'max-findings:',
    '  medium: 20',
    'exclude: [samples/, "**/testdata/**"]',
    'format: [table, sarif]',
    'output:',
    '  sarif: rampart.sarif',
    'severity-overrides:',
    '  secrets/generic-secret-assignment: low',
    '```',
    '',
    '`rampart init` writes a commented file with every option.',
    '',
  ].join('\n');
}

export function configSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repo = new URL('../../../../', import.meta.url);
  writeFileSync(new URL('docs/configuration.md', repo), configurationDoc());
  writeFileSync(new URL('schemas/rampart-config.schema.json', repo), configSchemaText());
  process.stdout.write('wrote docs/configuration.md and schemas/rampart-config.schema.json\n');
}
