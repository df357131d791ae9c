import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OPTIONS, UsageError, loadScanners, type OptionSpec, type ScannerDefinition } from '@rampart/core';
import { registeredScanners } from '../registry.js';
import { EXIT, type CliIo } from '../io.js';

/** A commented rampart.yml: every option the file can set, with its default, commented out. */
export function initialConfig(scanners: readonly ScannerDefinition[]): string {
  const lines = [
    '# Rampart configuration. Every option is shown with its default, commented out.',
    '# Precedence: defaults < this file < RAMPART_* environment variables < command-line flags.',
    '# Reference: docs/configuration.md; schema: schemas/rampart-config.schema.json',
    '# yaml-language-server: $schema=https://rampart.dev/schemas/rampart-config.schema.json',
    'version: 1',
    '',
  ];
  for (const option of OPTIONS.filter((o) => o.sources.file)) {
    lines.push(...wrap(option.description).map((l) => `# ${l}`));
    lines.push(...yamlExample(option, scanners).map((l) => `# ${l}`), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function yamlExample(option: OptionSpec, scanners: readonly ScannerDefinition[]): string[] {
  const value = option.default;
  const rule = scanners[0]?.rules[0];
  if (option.name === 'severity-overrides')
    return rule ? ['severity-overrides:', `  ${rule.id}: low`] : ['severity-overrides: {}'];
  if (option.name === 'scanner-config') return ['scanner-config:', ...scanners.map((s) => `  ${s.id}: {}`)];
  if (option.name === 'max-findings') return ['max-findings:', '  total: 100', '  critical: 0'];
  if (option.name === 'output') return ['output:', '  sarif: rampart.sarif'];
  if (option.name === 'diff-base') return ['diff-base: origin/main'];
  if (value === undefined) return [`${option.name}: ${option.argName ?? '<value>'}`];
  if (Array.isArray(value))
    return value.length === 0 ? [`${option.name}: []`] : [`${option.name}: [${value.join(', ')}]`];
  if (option.type.kind === 'size') return [`${option.name}: ${option.defaultText ?? JSON.stringify(value)}`];
  return [`${option.name}: ${JSON.stringify(value)}`];
}

function wrap(text: string, width = 100): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out;
}

/** `rampart init [dir]`: write a commented rampart.yml; never overwrites without --force. */
export async function initCommand(io: CliIo, dir: string, force: boolean): Promise<number> {
  const path = join(resolve(io.cwd, dir), 'rampart.yml');
  if (existsSync(path) && !force) throw new UsageError(`${path} already exists (use --force to overwrite)`);
  try {
    writeFileSync(path, initialConfig(await loadScanners(registeredScanners())));
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  io.stderr(`rampart: wrote ${path}\n`);
  return EXIT.ok;
}
