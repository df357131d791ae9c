import { ConfigError, UsageError, type ConfigIssue } from '../errors.js';
import type { RampartConfig } from '../config/load.js';
import { schemaIssues, type PositionedDocument } from '../config/yaml-source.js';
import type { RuleMeta } from '../rule.js';
import { isValidRuleId } from '../rule.js';
import { matchesRuleSelector, RuleCatalog } from '../rule-catalog.js';
import type { ScannerDefinition } from '../scanner.js';

/** What a scan runs: the scanners, their validated options, every rule and the enabled ones. */
export interface ScanPlan {
  all: readonly ScannerDefinition[];
  selected: readonly ScannerDefinition[];
  /** Validated `scanner-config` sections by scanner id. */
  scannerOptions: Record<string, unknown>;
  /** Built-in and custom rules of every registered scanner. */
  catalog: RuleCatalog;
  /** Rules of each scanner, custom ones included. */
  rulesOf: ReadonlyMap<string, readonly RuleMeta[]>;
  enabledRules: ReadonlySet<string>;
}

const NO_DOCUMENT: PositionedDocument = { source: 'config', value: {}, locate: () => undefined };

/**
 * Select scanners and rules and validate everything the config says about them, reporting every
 * problem at once with the config file's lines.
 */
export function planScan(
  all: readonly ScannerDefinition[],
  config: RampartConfig,
  doc: PositionedDocument | undefined,
): ScanPlan {
  const selected = selectScanners(all, config.scanners);
  const scannerOptions = validateScannerConfig(all, config, doc ?? NO_DOCUMENT);
  const rulesOf = new Map<string, readonly RuleMeta[]>();
  const issues: ConfigIssue[] = [];
  for (const scanner of all) {
    const extra = scanner.extraRules?.((scannerOptions[scanner.id] ?? {}) as Record<string, unknown>) ?? [];
    for (const rule of extra) {
      if (
        !isValidRuleId(rule.id) ||
        !rule.id.startsWith(`${scanner.id}/`) ||
        scanner.rules.some((r) => r.id === rule.id)
      ) {
        const pos = doc?.locate(['scanner-config', scanner.id]);
        issues.push({
          source: doc?.source ?? 'config',
          line: pos?.line,
          key: `scanner-config.${scanner.id}`,
          message: `custom rule id "${rule.id}" must look like ${scanner.id}/<kebab-name> and not repeat a built-in rule`,
        });
      }
    }
    rulesOf.set(scanner.id, [...scanner.rules, ...extra]);
  }
  if (issues.length > 0) throw new ConfigError(issues, `invalid config file ${doc?.source ?? 'config'}`);
  const catalog = new RuleCatalog(all.map((s) => ({ id: s.id, rules: rulesOf.get(s.id) ?? [] })));
  checkRuleReferences(config, catalog, doc);
  const enabledRules = new Set<string>();
  for (const scanner of selected) {
    for (const rule of rulesOf.get(scanner.id) ?? []) {
      const aliases = rule.aliases ?? [];
      if (config.rules.length > 0 && !config.rules.some((s) => matchesRuleSelector(rule.id, aliases, s)))
        continue;
      if (config.excludeRules.some((s) => matchesRuleSelector(rule.id, aliases, s))) continue;
      enabledRules.add(rule.id);
    }
  }
  return { all, selected, scannerOptions, catalog, rulesOf, enabledRules };
}

/** The config with rule aliases replaced by current ids, so overrides and gates name the rules findings carry. */
export function canonicalRules(config: RampartConfig, catalog: RuleCatalog): RampartConfig {
  const canonical = (id: string) => (id.endsWith('/*') ? id : (catalog.canonical(id) ?? id));
  return {
    ...config,
    failOnRules: config.failOnRules.map(canonical),
    severityOverrides: Object.fromEntries(
      Object.entries(config.severityOverrides).map(([id, sev]) => [canonical(id), sev]),
    ),
  };
}

function selectScanners(all: readonly ScannerDefinition[], ids: readonly string[]): ScannerDefinition[] {
  if (ids.length === 0) return [...all];
  const unknown = ids.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown scanner ${unknown.map((u) => `"${u}"`).join(', ')}; known scanners: ${all.map((s) => s.id).join(', ')}`,
    );
  }
  return all.filter((s) => ids.includes(s.id));
}

/** Rule ids named in the config must exist: a typo would silently disable a gate. */
function checkRuleReferences(
  config: RampartConfig,
  catalog: RuleCatalog,
  doc: PositionedDocument | undefined,
): void {
  const issues: ConfigIssue[] = [];
  const check = (option: string, ids: readonly string[]) => {
    ids.forEach((id, i) => {
      if (catalog.isKnown(id)) return;
      // Point at the config file's line when the value came from there.
      const inFile =
        option === 'severity-overrides' ? doc?.locate([option, id], true) : doc?.locate([option, i]);
      const fromFile = inFile !== undefined && JSON.stringify(doc?.value).includes(JSON.stringify(id));
      issues.push({
        source: fromFile ? doc!.source : option,
        ...(fromFile ? { line: inFile.line, column: inFile.column, key: option } : {}),
        message: `unknown rule "${id}" (see \`rampart rules\`)`,
      });
    });
  };
  check('rules', config.rules);
  check('exclude-rules', config.excludeRules);
  check('fail-on-rules', config.failOnRules);
  check('severity-overrides', Object.keys(config.severityOverrides));
  if (issues.length > 0) throw new ConfigError(issues);
}

function validateScannerConfig(
  scanners: readonly ScannerDefinition[],
  config: RampartConfig,
  doc: PositionedDocument,
): Record<string, unknown> {
  const issues: ConfigIssue[] = [];
  for (const [id, value] of Object.entries(config.scannerConfig)) {
    const scanner = scanners.find((s) => s.id === id);
    if (!scanner) {
      const pos = doc.locate(['scanner-config', id], true);
      issues.push({
        source: doc.source,
        line: pos?.line,
        column: pos?.column,
        key: `scanner-config.${id}`,
        message: `unknown scanner; known: ${scanners.map((s) => s.id).join(', ')}`,
      });
      continue;
    }
    // Sections the config file does not hold were built by the caller from its typed flags (the CLI's
    // `--advisory-db`, `--sbom`, ...): only what a user wrote is checked against the schema, which keeps
    // the validator (~40 ms to load and compile) out of a scan without a config file, like the hook's.
    // (`locate` answers the nearest enclosing node for a path that is not there: look at the value.)
    const section = (doc.value as { 'scanner-config'?: unknown } | null)?.['scanner-config'];
    const written = typeof section === 'object' && section !== null && Object.hasOwn(section, id);
    const schemaProblems =
      scanner.optionsSchema && written
        ? schemaIssues(scanner.optionsSchema, doc, value, ['scanner-config', id])
        : [];
    issues.push(...schemaProblems);
    if (schemaProblems.length === 0 && scanner.validateOptions) {
      for (const problem of scanner.validateOptions(value as Record<string, unknown>)) {
        const path = ['scanner-config', id, ...problem.path];
        const pos = doc.locate(path);
        issues.push({
          source: doc.source,
          line: pos?.line,
          column: pos?.column,
          key: path
            .map((p) => (typeof p === 'number' ? `[${p}]` : p))
            .join('.')
            .replaceAll('.[', '['),
          message: problem.message,
        });
      }
    }
  }
  if (issues.length > 0) throw new ConfigError(issues, `invalid config file ${doc.source}`);
  return config.scannerConfig;
}
