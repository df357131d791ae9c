/**
 * Alpine's installed-package database, `lib/apk/db/installed`: one record per installed package,
 * records separated by blank lines, each line `X:value` with a one-letter field name
 * (https://wiki.alpinelinux.org/wiki/Apk_spec). The fields the extractor reads:
 *
 * ```text
 * P:busybox                      package name
 * V:1.36.1-r29                   version
 * o:busybox                      origin (the aports source package)
 * c:1dbf7a793afae640ea643a055b6dd4f430ac116b   aports commit the package was built from
 * L:GPL-2.0-only                 license
 * D:so:libc.musl-x86_64.so.1     dependencies (names, `so:`/`cmd:`/`pc:` provides, `!conflicts`)
 * p:cmd:busybox=1.36.1-r29       what the package provides
 * ```
 *
 * File lists (`F:`, `R:`, `Z:`, `a:`, `M:`) and everything else are ignored. `etc/alpine-release`
 * holds the release (`3.20.3`); `etc/apk/world` the packages the user asked for.
 */

export interface ApkRecord {
  name?: string;
  version?: string;
  origin?: string;
  commit?: string;
  license?: string;
  depends: string[];
  provides: string[];
  start: number;
  end: number;
}

/** Read one `X:value` line into the record; other lines are ignored. */
export function readField(record: ApkRecord, line: string): void {
  if (line.length < 2 || line[1] !== ':') return;
  const value = line.slice(2).trim();
  switch (line[0]) {
    case 'P':
      record.name = value;
      break;
    case 'V':
      record.version = value;
      break;
    case 'o':
      record.origin = value;
      break;
    case 'c':
      record.commit = value;
      break;
    case 'L':
      record.license = value;
      break;
    case 'D':
      record.depends.push(...words(value));
      break;
    case 'p':
      record.provides.push(...words(value));
      break;
  }
}

function words(value: string): string[] {
  return value.split(' ').filter((w) => w !== '');
}

/**
 * The name a dependency or world entry refers to: `musl>=1.2` → `musl`, `so:libc.so=1` → `so:libc.so`;
 * undefined for conflicts (`!name`).
 */
export function constraintName(token: string): string | undefined {
  if (token.startsWith('!')) return undefined;
  const end = token.search(/[<>=~@]/);
  const name = end === -1 ? token : token.slice(0, end);
  return name === '' ? undefined : name;
}

/** `3.20.3` → `v3.20`; undefined when the file does not start with a release number. */
export function releaseBranch(alpineRelease: string): string | undefined {
  const match = /^\s*(\d+)\.(\d+)/.exec(alpineRelease);
  return match ? `v${match[1]}.${match[2]}` : undefined;
}

/** osv-scanner's choice when the release is unknown. */
export const FALLBACK_BRANCH = 'v3.20';
