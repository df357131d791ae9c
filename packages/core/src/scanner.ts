import type { Fix, FindingDetails, Location, Severity, Suppression } from './finding.js';
import type { RuleMeta } from './rule.js';

/**
 * The scanner plug-in contract. A scanner is a module whose default export is a ScannerDefinition.
 * Core never imports a scanner by name: the CLI's registry hands core the module URLs, and each
 * worker thread imports them.
 *
 * A scanner only reports. It never prints, never reads the environment and never computes lines or
 * columns: it reports UTF-16 offsets into the text it was given and core does the rest (locations,
 * snippets, inline suppressions, masking, fingerprints).
 */
export interface ScannerDefinition<Options = Record<string, unknown>> {
  /** Short id, the first part of every rule id: `secrets`. */
  id: string;
  title: string;
  description: string;
  version: string;
  rules: readonly RuleMeta[];
  /**
   * The full metadata of `rules`, for a scanner whose definition keeps its rule docs apart so that
   * loading it stays cheap: every scan loads every enabled scanner's definition, the pre-commit hook
   * included. Its `rules` then carry ids, titles, severities, CWE ids and tags, with empty `description`,
   * `help` and `references`. Wherever docs are shown (a scan's result, `rampart rules`, `rampart
   * explain`), core completes them with this (`withRuleDocs`), loaded only when one of its rules is shown.
   */
  ruleDocs?: () => Promise<readonly RuleMeta[]>;
  /**
   * Which files the scanner wants, as globs over repository-relative POSIX paths. A pattern without
   * a `/` matches the file name in any folder (`*.tf`, `Dockerfile`). `['**']` means every text file.
   */
  files: { include: readonly string[]; exclude?: readonly string[] };
  /**
   * JSON Schema of this scanner's section of the config file (`scanner-config.<id>`). Core validates
   * the section against it and reports problems with file and line.
   */
  optionsSchema?: Record<string, unknown>;
  /** Created once per worker thread, then called for every wanted file. */
  createFileScanner?: (setup: ScannerSetup<Options>) => FileScanner | Promise<FileScanner>;
  /** A whole-project pass that runs once in the main thread (e.g. lockfile graphs). */
  scanProject?: (context: ProjectContext<Options>) => Promise<void>;
  /**
   * With `--history`, a scanner that has this hook scans every commit's added lines instead of the
   * working tree (its file pass does not run). Core reads git; the scanner only looks at text.
   */
  scanHistory?: (context: HistoryContext<Options>) => Promise<void>;
  /**
   * Rules that depend on the options (custom rules from the config file). Their ids must start with
   * `<scanner id>/` and must not clash with built-in rules.
   */
  extraRules?: (options: Options) => readonly RuleMeta[];
  /**
   * Checks that a JSON Schema cannot express (a regex that does not compile). Each problem names the
   * path inside the scanner's section; core reports it with the config file's line.
   */
  validateOptions?: (options: Options) => readonly { path: readonly (string | number)[]; message: string }[];
}

export interface ScannerSetup<Options> {
  options: Options;
  /** Ids of this scanner's rules that are enabled for this scan. */
  enabledRules: ReadonlySet<string>;
}

export interface SourceFile {
  /** Repository-relative POSIX path. */
  path: string;
  /** The file's text (UTF-8 decoded; invalid sequences replaced with U+FFFD). */
  text: string;
}

/** What a rule reports. Offsets are UTF-16 indexes into `SourceFile.text`; `end` is exclusive. */
export interface RawFinding {
  ruleId: string;
  message: string;
  start: number;
  end: number;
  /** Ranges (same offsets) holding secret values: core masks them in snippets and never stores them. */
  secrets?: readonly { start: number; end: number }[];
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  /** Dataflow steps, source first. Same-file steps give offsets; other files give a full location. */
  trace?: readonly RawTraceStep[];
  fix?: Fix;
  details?: FindingDetails;
  /**
   * Extra text mixed into the fingerprint (e.g. the package name and advisory id for a dependency
   * finding) when the matched text alone does not identify the finding.
   */
  fingerprintKey?: string;
  /**
   * Set when the scanner itself knows the finding does not apply (a VEX statement says the product is
   * not affected). The finding is kept and reported as suppressed, never dropped.
   */
  suppression?: Suppression;
}

export type RawTraceStep =
  { message: string; start: number; end: number } | { message: string; location: Location };

export type Report = (finding: RawFinding) => void;

/** The comment that suppresses a finding inline: `rampart-ignore: <rule-id> <reason>`. */
export const INLINE_MARKER = 'rampart-ignore:';

/** What a file scanner may say about a text besides its findings. */
export interface FileScanOutcome {
  /**
   * Set when the scanner looked at every character of the text for {@link INLINE_MARKER} (ASCII case
   * folded) anyway: false means the text has none, and core skips its own search for inline markers.
   */
  inlineMarker?: boolean;
}

export interface FileScanner {
  scanFile(file: SourceFile, report: Report): void | FileScanOutcome | Promise<void | FileScanOutcome>;
}

/** A problem met while scanning, shown to the user with the file (and line when known). */
export interface Diagnostic {
  level: 'error' | 'warning' | 'info';
  /** A stable code, e.g. `file-too-large`, `invalid-utf8`, `unknown-rule`. */
  code: string;
  message: string;
  path?: string;
  line?: number;
  /** The scanner that raised it, when one did. */
  scanner?: string;
}

/** One commit's added lines in one file, as `--history` sees them. */
export interface HistoryChange {
  commit: string;
  author: string;
  /** ISO 8601 author date. */
  date: string;
  /** Repository-relative POSIX path in that commit (relative to the scan root). */
  path: string;
  /** The added lines, joined with newlines (only those lines: offsets index this text). */
  text: string;
}

export interface HistoryContext<Options> {
  root: string;
  options: Options;
  enabledRules: ReadonlySet<string>;
  /** Every reachable commit's added lines, newest first; each change is produced once. */
  changes(): AsyncIterable<HistoryChange>;
  /** Report a finding in a change; offsets index `change.text`, core maps lines to the file's lines. */
  report(change: HistoryChange, finding: RawFinding): void;
  diagnostic(diagnostic: Omit<Diagnostic, 'scanner'>): void;
}

export interface ProjectContext<Options> {
  /** Absolute path of the scan root. */
  root: string;
  /** Repository-relative POSIX paths of the files this scanner wants, after ignore rules. */
  files: readonly string[];
  options: Options;
  enabledRules: ReadonlySet<string>;
  /** Read a file of the scan (UTF-8). */
  readText(path: string): Promise<string>;
  /** Report a finding in `path`, with offsets into `text` (the text the scanner read). */
  report(path: string, text: string, finding: RawFinding): void;
  diagnostic(diagnostic: Omit<Diagnostic, 'scanner'>): void;
}
