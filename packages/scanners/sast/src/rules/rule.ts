import type { RuleMeta, Severity } from '@rampart/core/model';
import type { ParsedFile } from '../frontend/parse.js';

/**
 * The vulnerability class a rule belongs to: the folder name of the labelled corpus
 * (`test/fixtures/corpus/<family>/`) and the unit of the precision/recall benchmark.
 */
export type Family = string;

/** A rule of the SAST scanner: metadata for `rampart rules`/`explain` plus its vulnerability family. */
export interface SastRuleMeta extends RuleMeta {
  family: Family;
}

export interface RuleContext {
  /** Names bound by the file's top-level imports/requires: local name → qualified name (`crypto.createHash`). */
  bindings: ReadonlyMap<string, string>;
  /** Report a finding on a node (offsets into `file.text`). */
  report(finding: { start: number; end: number; message: string; severity?: Severity }): void;
}

/**
 * A purely syntactic rule: looks at one parsed file and reports precise, local misuses (a JWT verified
 * without pinned algorithms, MD5 for passwords, TLS verification turned off). No dataflow.
 */
export interface SyntacticRule {
  meta: SastRuleMeta;
  check(file: ParsedFile, context: RuleContext): void;
}
