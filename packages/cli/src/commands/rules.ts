import {
  RuleCatalog,
  UsageError,
  loadScanners,
  withRuleDocs,
  type RuleMeta,
  type ScannerDefinition,
} from '@rampart/core';
import pc from 'picocolors';
import { EXIT, type CliIo } from '../io.js';
import { registeredScanners } from '../registry.js';

/** Every scanner, its rules with their docs (some definitions keep those apart: `ruleDocs`). */
async function loadAll(): Promise<ScannerDefinition[]> {
  const scanners = await loadScanners(registeredScanners());
  return Promise.all(scanners.map(async (s) => ({ ...s, rules: await withRuleDocs([s], s.rules) })));
}

/** `rampart rules`: every rule with its metadata, as a table or JSON. */
export async function rulesCommand(
  io: CliIo,
  options: { scanner?: string; format?: string },
): Promise<number> {
  const scanners = await loadAll();
  if (options.scanner !== undefined && !scanners.some((s) => s.id === options.scanner)) {
    throw new UsageError(
      `unknown scanner "${options.scanner}"; known: ${scanners.map((s) => s.id).join(', ')}`,
    );
  }
  const rules = new RuleCatalog(
    scanners.filter((s) => options.scanner === undefined || s.id === options.scanner),
  ).all();
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify(rules, null, 2)}\n`);
    return EXIT.ok;
  }
  if (options.format !== undefined && options.format !== 'table')
    throw new UsageError(`unknown format "${options.format}" (table or json)`);
  const idWidth = Math.max(4, ...rules.map((r) => r.id.length));
  io.stdout(`${'RULE'.padEnd(idWidth)}  SEVERITY  CWE        TITLE\n`);
  for (const rule of rules) {
    io.stdout(
      `${rule.id.padEnd(idWidth)}  ${rule.severity.padEnd(8)}  ${(rule.cwe.join(',') || '-').padEnd(9)}  ${rule.title}\n`,
    );
  }
  io.stdout(
    `\n${rules.length} rule${rules.length === 1 ? '' : 's'}. Run \`rampart explain <rule-id>\` for details.\n`,
  );
  return EXIT.ok;
}

/** `rampart explain <rule-id>`: why it matters, a bad and a good example, how to fix, references. */
export async function explainCommand(io: CliIo, ruleId: string, color: boolean): Promise<number> {
  const catalog = new RuleCatalog(await loadAll());
  const entry = catalog.get(ruleId);
  if (!entry) {
    const close = catalog
      .all()
      .filter((r) => r.id.includes(ruleId) || ruleId.includes(r.id.split('/')[1] ?? '\0'))
      .map((r) => r.id)
      .slice(0, 5);
    throw new UsageError(
      `unknown rule "${ruleId}"${close.length > 0 ? `; did you mean ${close.join(', ')}?` : ''} (see \`rampart rules\`)`,
    );
  }
  io.stdout(renderExplanation(entry.rule, color));
  return EXIT.ok;
}

export function renderExplanation(rule: RuleMeta, color: boolean): string {
  const c = pc.createColors(color);
  const indent = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
  const lines = [
    `${c.bold(rule.id)}: ${rule.title}`,
    `Severity: ${rule.severity}${rule.cwe.length > 0 ? `   CWE: ${rule.cwe.join(', ')}` : ''}${rule.precision ? `   Precision: ${rule.precision}` : ''}`,
    '',
    'Why it matters',
    indent(rule.description),
    '',
    c.red('Bad (flagged)'),
    indent(rule.help.bad),
    '',
    c.green('Good (not flagged)'),
    indent(rule.help.good),
    '',
    'How to fix',
    indent(rule.help.fix),
  ];
  if (rule.references.length > 0) lines.push('', 'References', ...rule.references.map((r) => `    ${r}`));
  if (rule.aliases && rule.aliases.length > 0) lines.push('', `Also known as: ${rule.aliases.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
