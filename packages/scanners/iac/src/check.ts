/**
 * The contracts of the IaC scanner. Each platform (Dockerfile, Kubernetes, Terraform, ...) lives in its own
 * folder with the same shape: `index.ts` (the Platform: which files, how to parse them, its checks),
 * `parse.ts`, and `checks/<name>.ts` (one check per file) with a registry `checks/index.ts`.
 */
import type { RuleMeta } from '@rampart/core/model';

/** Rule metadata plus the platform the check belongs to. */
export interface IacRuleMeta extends RuleMeta {
  /** Platform id (`dockerfile`, `kubernetes`, `compose`, `terraform`, `github-actions`, `gitlab-ci`). */
  platform: string;
  /** Cloud provider for Terraform checks (`aws`, `gcp`, `azure`). */
  provider?: string;
  /** Ids of equivalent Checkov checks (e.g. `CKV_AWS_20`): used only by the agreement benchmark. */
  checkov?: string[];
}

/** Where a check found a problem: offsets into the file's text (end exclusive). */
export interface IacFinding {
  path: string;
  start: number;
  end: number;
  /** Overrides the rule's title as the message. */
  message?: string;
  /** The resource the finding is about (`aws_s3_bucket.logs`, `Deployment/web`, stage name). */
  resource?: string;
}

export type IacReport = (finding: IacFinding) => void;

/** One check: looks at a parsed document and reports. Checks never throw on odd shapes; they skip them. */
export interface IacCheck<Doc> {
  meta: IacRuleMeta;
  check(doc: Doc, report: IacReport): void;
}

/** A problem reading a file: shown with the file and line; the scan goes on. */
export interface IacFileError {
  path: string;
  /** 1-based line, when known. */
  line?: number;
  message: string;
  /** `info` for files skipped on purpose (templated files), `warning` for broken ones. */
  level?: 'info' | 'warning';
}

export interface SourceText {
  path: string;
  text: string;
}

export interface Platform<Doc> {
  id: string;
  title: string;
  /** Whether this platform reads the file (by path, and by content where the path says little). */
  matches(path: string, text: string): boolean;
  /**
   * Parses the platform's files. Platforms whose documents span files (Terraform modules) get them all at
   * once; others return one document per file (or per YAML document).
   */
  parse(files: readonly SourceText[]): { docs: Doc[]; errors: IacFileError[] };
  checks: readonly IacCheck<Doc>[];
}
