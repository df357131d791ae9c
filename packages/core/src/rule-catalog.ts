import type { RuleMeta } from './rule.js';
import type { ScannerDefinition } from './scanner.js';

/** Every rule of the loaded scanners, by id and by alias. */
export class RuleCatalog {
  private readonly byId = new Map<string, { rule: RuleMeta; scanner: string }>();
  private readonly aliases = new Map<string, string>();
  private readonly alsoKnown: ReadonlySet<string>;

  /**
   * `alsoKnown`: ids and aliases of rules whose metadata this catalog does not hold (a worker thread's
   * catalog has only the file scanners' rules, but inline markers may name any scanner's rules).
   */
  constructor(
    scanners: readonly { id: string; rules: readonly RuleMeta[] }[],
    alsoKnown: readonly string[] = [],
  ) {
    this.alsoKnown = new Set(alsoKnown);
    for (const scanner of scanners) {
      for (const rule of scanner.rules) {
        this.byId.set(rule.id, { rule, scanner: scanner.id });
        for (const alias of rule.aliases ?? []) this.aliases.set(alias, rule.id);
      }
    }
  }

  get(id: string): { rule: RuleMeta; scanner: string } | undefined {
    return this.byId.get(id) ?? this.byId.get(this.aliases.get(id) ?? '');
  }

  /** The current id of `id` (itself, or the rule it is an alias of). */
  canonical(id: string): string | undefined {
    if (this.byId.has(id)) return id;
    return this.aliases.get(id);
  }

  /** Known rule ids, aliases and `<scanner>/*` wildcards of known scanners. */
  isKnown(id: string): boolean {
    if (this.byId.has(id) || this.aliases.has(id) || this.alsoKnown.has(id)) return true;
    if (id.endsWith('/*')) {
      const prefix = id.slice(0, -1);
      for (const known of this.byId.keys()) if (known.startsWith(prefix)) return true;
      for (const known of this.alsoKnown) if (known.startsWith(prefix)) return true;
    }
    return false;
  }

  /** Every rule id and alias, sorted. */
  knownIds(): string[] {
    return [...this.byId.keys(), ...this.aliases.keys(), ...this.alsoKnown].sort();
  }

  all(): RuleMeta[] {
    return [...this.byId.values()]
      .map((e) => e.rule)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/** Does `ruleId` match a selector: an exact id, an alias, or `<scanner>/*`? */
export function matchesRuleSelector(ruleId: string, aliases: readonly string[], selector: string): boolean {
  if (selector === ruleId || aliases.includes(selector)) return true;
  return selector.endsWith('/*') && ruleId.startsWith(selector.slice(0, -1));
}

/**
 * `rules` with their full metadata: rules of scanners that keep their docs apart
 * (`ScannerDefinition.ruleDocs`) are replaced by the documented ones. The docs load only for scanners
 * that own one of `rules`; rules the docs do not know (custom rules from the config) stay as they are.
 */
export async function withRuleDocs(
  scanners: readonly Pick<ScannerDefinition, 'id' | 'ruleDocs'>[],
  rules: readonly RuleMeta[],
): Promise<RuleMeta[]> {
  const full = new Map<string, RuleMeta>();
  for (const scanner of scanners) {
    if (!scanner.ruleDocs || !rules.some((r) => r.id.startsWith(`${scanner.id}/`))) continue;
    for (const rule of await scanner.ruleDocs()) full.set(rule.id, rule);
  }
  return rules.map((rule) => full.get(rule.id) ?? rule);
}
