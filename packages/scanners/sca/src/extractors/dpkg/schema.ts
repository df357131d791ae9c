/**
 * Debian's package database, `var/lib/dpkg/status` (deb822: stanzas separated by blank lines,
 * `Field: value` lines, continuation lines starting with a space or tab; see dpkg(1) and
 * deb-control(5)). The fields the extractor reads:
 *
 * ```text
 * Package: bsdutils
 * Status: install ok installed         want, error flag, state
 * Source: util-linux (2.36.1-8+deb11u1)   source package, with its version when it differs
 * Version: 1:2.36.1-8+deb11u1
 * Depends: libc6 (>= 2.17), libsystemd0 | libelogind0
 * Pre-Depends: …
 * Provides: …
 * ```
 *
 * Debian advisories (OSV `Debian:<release>`) name source packages, so a binary package is reported by
 * its source name and source version.
 */

/** Fields read that may continue on following lines (deb822 folded fields); lower-case. */
export const FOLDED_FIELDS: ReadonlySet<string> = new Set(['depends', 'pre-depends', 'provides']);

export interface Stanza {
  fields: Map<string, string>;
  start: number;
  end: number;
}

/** Installed means state `installed` with no error flag, whether selected for install or held. */
export function isInstalled(status: string | undefined): boolean {
  const [want, flag, state] = (status ?? '').trim().split(/\s+/);
  return (want === 'install' || want === 'hold') && flag === 'ok' && state === 'installed';
}

/** `util-linux (2.36.1-8)` → name and version; a bare name has no version. */
export function parseSource(source: string): { name: string; version?: string } {
  const open = source.indexOf('(');
  if (open === -1) return { name: source.trim() };
  const close = source.indexOf(')', open);
  const version = source.slice(open + 1, close === -1 ? undefined : close).trim();
  return { name: source.slice(0, open).trim(), ...(version !== '' && { version }) };
}

/**
 * Package names in a relationship field (`Depends`, `Pre-Depends`, `Provides`): every alternative,
 * without version constraints, architecture qualifiers or restrictions.
 */
export function relationNames(field: string | undefined): string[] {
  if (field === undefined) return [];
  const names: string[] = [];
  for (const group of field.split(',')) {
    for (const alternative of group.split('|')) {
      const name = alternative.trim().split(/[\s([<:]/, 1)[0] ?? '';
      if (name !== '') names.push(name);
    }
  }
  return names;
}

/** Debian release of a `base-files` version: `12.4+deb12u5` → `12`; undefined for derivatives' versions. */
export function debianRelease(baseFilesVersion: string): string | undefined {
  const match = /^(\d+)(\.[0-9.]+)?(\+deb[0-9u]+)?$/.exec(baseFilesVersion.trim());
  return match?.[1];
}

/** `ID` and `VERSION_ID` of an os-release file. */
export function osRelease(text: string): { id?: string; versionId?: string } {
  const result: { id?: string; versionId?: string } = {};
  for (const line of text.split('\n')) {
    const match = /^(ID|VERSION_ID)=(.*)$/.exec(line.trim());
    if (!match) continue;
    const value = (match[2] ?? '').replace(/^["']|["']$/g, '');
    if (match[1] === 'ID') result.id = value;
    else result.versionId = value;
  }
  return result;
}
