/**
 * The structure of Dart/Flutter's `pubspec.lock` (https://dart.dev/tools/pub/glossary#lockfile), as
 * the extractor reads it, with typed accessors over the YAML nodes (which keep their offsets).
 *
 * ```yaml
 * packages:
 *   name:
 *     dependency: "direct main"   # or "direct dev", "direct overridden", "transitive"
 *     description:                # hosted: {name, url, sha256}; git: {url, ref, resolved-ref, path};
 *       name: name                #   path: {path, relative}; sdk: a plain string (`flutter`)
 *       url: "https://pub.dev"
 *     source: hosted              # hosted | git | path | sdk
 *     version: "1.2.3"
 * sdks:
 *   dart: ">=3.0.0 <4.0.0"
 * ```
 */
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { ExtractError, lineAt } from '../../model.js';

/** What the `dependency` field says about a package. */
export const DEPENDENCY_KINDS: Readonly<Record<string, { direct: boolean; dev?: boolean }>> = {
  'direct main': { direct: true, dev: false },
  'direct dev': { direct: true, dev: true },
  'direct overridden': { direct: true },
  transitive: { direct: false },
};

export interface PubEntry {
  name: string;
  version: string;
  dependency?: string;
  source?: string;
  /** `resolved-ref` of a git package's description. */
  resolvedRef?: string;
  start: number;
  end: number;
}

/** Read one `packages` entry, checking its shape. */
export function readEntry(text: string, pair: Pair): PubEntry {
  const keyNode = pair.key as Node | null;
  const name = isScalar(keyNode) ? scalarText(keyNode) : undefined;
  const line = lineAt(text, keyNode?.range?.[0] ?? 0);
  if (!name) throw new ExtractError('pubspec.lock: package names must be strings', line);
  const value = pair.value as Node | null;
  if (!isMap(value)) throw new ExtractError(`pubspec.lock: package '${name}' must be a mapping`, line);
  const version = optionalString(text, value, 'version', name);
  if (version === undefined) throw new ExtractError(`pubspec.lock: package '${name}' has no version`, line);
  const description = value.get('description', true) as Node | undefined;
  const resolvedRef = isMap(description)
    ? optionalString(text, description, 'resolved-ref', name)
    : undefined;
  const dependency = optionalString(text, value, 'dependency', name);
  const source = optionalString(text, value, 'source', name);
  return {
    name,
    version,
    ...(dependency !== undefined ? { dependency } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(resolvedRef !== undefined ? { resolvedRef } : {}),
    start: keyNode?.range?.[0] ?? 0,
    end: trimEnd(text, value.range?.[1] ?? 0),
  };
}

/** A scalar field as written (`version: 1.10` stays `1.10`); undefined when absent or null. */
function optionalString(text: string, map: YAMLMap, key: string, name: string): string | undefined {
  const node = map.get(key, true) as Node | undefined;
  if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
  if (!isScalar(node)) {
    throw new ExtractError(
      `pubspec.lock: '${key}' of package '${name}' must be a string`,
      lineAt(text, node.range?.[0] ?? 0),
    );
  }
  return scalarText(node);
}

function scalarText(node: { value: unknown; source?: string }): string | undefined {
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return node.source ?? String(value);
  }
  return undefined;
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text[e - 1] ?? '')) e--;
  return e;
}
