import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import type { DependencyDetails, ProjectContext, RawFinding, Suppression } from '@rampart/core/model';
import { AdvisoryDbError, openAdvisoryDb } from './db/index.js';
import { collectInventory } from './inventory.js';
import { judgeLicenses } from './licenses.js';
import { matchComponents, matchMessage, type VulnerabilityMatch } from './match.js';
import { ExtractError, type Component } from './model.js';
import type { ScaOptions } from './options.js';
import { RULE_LICENSE, RULE_MALICIOUS, RULE_VULNERABLE } from './rules.js';
import { readSbom, readVex, vexSuppresses, type VexStatement } from './sbom/index.js';

/**
 * The SCA project pass: inventory (lockfiles or an SBOM), licence policy, advisory matching, VEX. Loaded by
 * the scanner definition only when a scan has something for it, so that other scans never pay for the
 * extractors, parsers and the SQLite driver.
 */
export async function scanProject(context: ProjectContext<ScaOptions>): Promise<void> {
  const { options, enabledRules } = context;
  const texts = new Map<string, string>();
  const read = async (path: string): Promise<string> => {
    let text = texts.get(path);
    if (text === undefined) texts.set(path, (text = await context.readText(path)));
    return text;
  };

  let components: Component[];
  if (options.sbom) {
    const shown = displayPath(context.root, options.sbom);
    try {
      const text = readFileSync(options.sbom, 'utf8');
      texts.set(shown, text);
      components = readSbom(text, shown).components.map((c) => locateInText(c, shown, text));
    } catch (error) {
      context.diagnostic({
        level: 'error',
        code: 'sbom-invalid',
        path: shown,
        ...(error instanceof ExtractError && error.line !== undefined ? { line: error.line } : {}),
        message: `cannot read SBOM: ${error instanceof Error ? error.message : String(error)}`,
      });
      return;
    }
  } else {
    const inventory = await collectInventory(context.files, read);
    for (const problem of inventory.problems) context.diagnostic(problem);
    components = inventory.components;
  }
  if (options.dev === false) components = components.filter((c) => c.scope !== 'dev');

  const textOf = (c: Component) => texts.get(c.source) ?? '';
  if (enabledRules.has(RULE_LICENSE) && options.licenses) {
    for (const c of components) {
      const verdict = judgeLicenses(c.licenses ?? [], options.licenses);
      if (verdict.ok) continue;
      const why =
        verdict.reason === 'denied'
          ? `is denied by the licence policy (${verdict.offending.join(', ')})`
          : verdict.reason === 'unknown'
            ? `is not an SPDX expression, so the allow list cannot accept it (${verdict.offending.join(', ')})`
            : `is not on the allow list (${verdict.offending.join(', ')})`;
      context.report(c.source, textOf(c), {
        ruleId: RULE_LICENSE,
        message: `${c.name}@${c.version}: licence "${verdict.expression}" ${why}`,
        ...span(c, textOf(c)),
        details: details(c),
        fingerprintKey: `${c.ecosystem}:${c.name}:license`,
      });
    }
  }

  if (!enabledRules.has(RULE_VULNERABLE) && !enabledRules.has(RULE_MALICIOUS)) return;
  if (components.every((c) => !c.version)) return;
  if (!options.db || !existsSync(options.db)) {
    context.diagnostic({
      level: 'error',
      code: 'advisory-db-missing',
      message: `no advisory database${options.db ? ` at ${options.db}` : ''}: dependencies were not checked for vulnerabilities. Run \`rampart db update\` (or \`rampart db import <dir|zip|jsonl>\` offline) first`,
    });
    return;
  }
  let db;
  try {
    db = openAdvisoryDb(options.db, { readonly: true });
  } catch (error) {
    context.diagnostic({
      level: 'error',
      code: 'advisory-db-invalid',
      message:
        error instanceof AdvisoryDbError
          ? error.message
          : `cannot open the advisory database ${options.db}: ${String(error)}`,
    });
    return;
  }
  let matches: VulnerabilityMatch[];
  try {
    matches = matchComponents(components, db);
  } finally {
    db.close();
  }
  const vex = loadVex(options.vex ?? [], context.root, (d) => context.diagnostic(d));
  for (const match of matches) {
    const ruleId = match.malicious ? RULE_MALICIOUS : RULE_VULNERABLE;
    if (!enabledRules.has(ruleId)) continue;
    const c = match.component;
    const raw: RawFinding = {
      ruleId,
      message: matchMessage(match),
      ...span(c, textOf(c)),
      severity: match.severity,
      details: {
        ...details(c),
        advisoryIds: match.advisoryIds,
        aliases: match.aliases,
        fixedVersions: match.fixedVersions,
        ...(match.nearestFixed ? { fixedIn: match.nearestFixed } : {}),
        ...(match.score !== undefined ? { cvssScore: match.score, cvssVector: match.vector } : {}),
        summary: match.summary,
        references: match.references,
      },
      fingerprintKey: `${c.ecosystem}:${c.name}@${c.version}:${match.key}`,
    };
    if (match.nearestFixed) raw.fix = { description: `Upgrade ${c.name} to ${match.nearestFixed} or later` };
    const statement =
      vex.length > 0 ? vexSuppresses(vex, [...match.advisoryIds, ...match.aliases], c.purl) : undefined;
    if (statement) raw.suppression = vexSuppression(statement);
    context.report(c.source, textOf(c), raw);
  }
}

function details(c: Component): DependencyDetails {
  return {
    kind: 'dependency',
    ecosystem: c.ecosystemVariant ?? c.ecosystem,
    packageName: c.name,
    version: c.version,
    purl: c.purl,
    advisoryIds: [],
    aliases: [],
    fixedVersions: [],
    dependencyPaths: c.paths,
    scope: c.scope,
    direct: c.direct,
    ...(c.licenses?.length ? { licenses: c.licenses } : {}),
  };
}

/** The finding's range: the lockfile entry, or the start of the file when the extractor had none. */
function span(c: Component, text: string): { start: number; end: number } {
  const start = Math.min(c.start ?? 0, text.length);
  const end = Math.min(Math.max(c.end ?? start, start), text.length);
  // One line is enough to point at the entry; a whole multi-line block makes a noisy snippet.
  const newline = text.indexOf('\n', start);
  return { start, end: newline !== -1 && newline < end ? newline : end };
}

/** SBOM components carry no offsets: point at the first mention of the purl (or the name) instead. */
function locateInText(c: Component, source: string, text: string): Component {
  const at = [c.purl, c.purl.split('?')[0]!, `"${c.name}"`, c.name]
    .map((needle) => text.indexOf(needle))
    .find((i) => i !== -1);
  return { ...c, source, ...(at === undefined ? {} : { start: at, end: at }) };
}

function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  return path.split(sep).join('/');
}

function loadVex(
  paths: readonly string[],
  root: string,
  diagnostic: (d: { level: 'error'; code: string; path: string; line?: number; message: string }) => void,
): VexStatement[] {
  const statements: VexStatement[] = [];
  for (const path of paths) {
    const shown = displayPath(root, path);
    try {
      statements.push(...readVex(readFileSync(path, 'utf8'), shown));
    } catch (error) {
      diagnostic({
        level: 'error',
        code: 'vex-invalid',
        path: shown,
        ...(error instanceof ExtractError && error.line !== undefined ? { line: error.line } : {}),
        message: `cannot read VEX document: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return statements;
}

function vexSuppression(statement: VexStatement): Suppression {
  const why = [statement.status.replace('_', ' '), statement.justification, statement.detail]
    .filter(Boolean)
    .join(': ');
  return { kind: 'vex', reason: why, source: statement.source };
}
