/**
 * Why the advisory database cannot be used or built. `kind` lets the CLI pick a hint and an exit
 * code without parsing the message.
 */
export type AdvisoryDbErrorKind =
  /** No database file at the path. */
  | 'missing'
  /** Not an SQLite file, truncated, damaged, or not a Rampart advisory database. */
  | 'corrupt'
  /** A database whose build never finished (no completion mark). */
  | 'incomplete'
  /** Written by another version of Rampart with a schema this one cannot read. */
  | 'version'
  /** An import source that cannot be read at all (not one bad record: those are skipped). */
  | 'source'
  /** A download failed: HTTP status, network, timeout, size limit or checksum. */
  | 'download'
  /** Bad arguments (unknown ecosystem, bad mirror URL). */
  | 'usage'
  /** Another process is importing into or updating the same database (`<db>.lock`). */
  | 'busy'
  /** The file system refused a write (permissions, disk full, a file held open on Windows). */
  | 'io';

const REBUILD_HINT = 'run `rampart db update` (or `rampart db import <dir|zip|jsonl>` offline) to rebuild it';

export class AdvisoryDbError extends Error {
  constructor(
    message: string,
    readonly kind: AdvisoryDbErrorKind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AdvisoryDbError';
  }

  /** An error about the database file itself, with the hint telling the user how to rebuild it. */
  static unusable(
    path: string,
    problem: string,
    kind: AdvisoryDbErrorKind,
    cause?: unknown,
  ): AdvisoryDbError {
    return new AdvisoryDbError(
      `advisory database ${path} ${problem}: ${REBUILD_HINT}`,
      kind,
      cause === undefined ? undefined : { cause },
    );
  }
}

/** A failed download, with the HTTP status when the server answered. */
export class DownloadError extends AdvisoryDbError {
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, 'download', options);
    this.name = 'DownloadError';
  }
}
