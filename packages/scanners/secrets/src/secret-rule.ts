import type { RuleMeta, Severity } from '@rampart/core/model';

/**
 * One detection rule, as data. The engine compiles and runs it; a rule holds no logic beyond an
 * optional checksum. Adding a rule means adding an object to a provider file in `src/rules/` and a
 * section to the README; tests check both.
 */
export interface SecretRule {
  /** `secrets/<kebab-name>`, stable forever once shipped. */
  id: `secrets/${string}`;
  /** Names the secret: used as the rule title, in messages and as `details.secretType`. */
  title: string;
  severity: Severity;
  precision: NonNullable<RuleMeta['precision']>;
  cwe: string[];
  description: string;
  help: RuleMeta['help'];
  /** Provider documentation first. */
  references: string[];
  /**
   * Lower-case literals. The rule runs only on texts whose lower-cased form contains one of them,
   * so they must be implied by every match of `pattern`.
   */
  keywords: readonly string[];
  /**
   * The detector. It must define a named group `secret` (the value core masks) and may define a
   * group `finding` (the reported range; the whole match when absent). No `g` or `y` flag: the
   * engine adds its own. ReDoS-safe and bounded (`{16}`, `{20,100}`), checked by a test.
   */
  pattern: RegExp;
  /** Minimum Shannon entropy of the secret, in bits per character. */
  minEntropy?: number;
  /** A secret matching one of these is a known placeholder for this rule and is not reported. */
  allow?: readonly RegExp[];
  /**
   * A format check stronger than the pattern (e.g. a CRC). It raises or lowers confidence, shown in
   * the message; it never drops a finding, since a provider may change its scheme. `undefined`
   * means the check does not apply to this secret.
   */
  checksum?: (secret: string) => boolean | undefined;
  /**
   * A structural check that drops a match when false (e.g. a Basic credential must decode to
   * `user:password`). Unlike `checksum`, it filters: use it only for what the format guarantees.
   */
  validate?: (secret: string) => boolean;
  /**
   * Files this rule does not run on, by repository-relative path (e.g. source code, for a rule whose
   * unquoted values are literals only in config files).
   */
  ignorePaths?: RegExp;
  /**
   * A catch-all rule: it runs after the specific rules and skips secrets one of them already
   * reported in the same text.
   */
  fallback?: boolean;
}

/** The metadata core and the CLI see. */
export function toRuleMeta(rule: SecretRule): RuleMeta {
  const { id, title, severity, precision, cwe, description, help, references } = rule;
  return { id, title, severity, precision, cwe, description, help, references, tags: ['secret'] };
}
