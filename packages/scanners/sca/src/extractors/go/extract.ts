/**
 * Go modules: `go.mod`, and `go.sum` when it has no `go.mod` beside it.
 *
 * go.mod lists every module in the build (Go 1.17+) with `// indirect` on those the main module does
 * not import itself; `replace` directives swap a required module for another module or a directory
 * (reported under the directory path, without a version); the `toolchain` directive, or else the `go`
 * directive, adds the standard library as the `stdlib` package. Versions lose their `v` prefix, as
 * OSV records Go versions.
 *
 * A lone go.sum lists the checksums of every module version the build downloaded; only the lines
 * hashing a module's content (not just its `/go.mod`) are modules whose code is in the build.
 */
import { posix } from 'node:path';
import { ExtractError, type Extraction, type Extractor, type LockPackage } from '../../model.js';
import { parseModFile } from './modfile.js';
import { toReplacement, isLocalPath, type Directive, type Replacement } from './schema.js';

export const extractor: Extractor = {
  id: 'go',
  ecosystem: 'Go',
  files: ['go.mod', 'go.sum'],
  async extract(input) {
    if (posix.basename(input.path) === 'go.sum') {
      const goMod = input.readRelative ? await input.readRelative('go.mod') : undefined;
      return goMod === undefined ? extractGoSum(input.text) : { packages: [] };
    }
    return extractGoMod(input.text);
  },
};

export function extractGoMod(text: string): Extraction {
  const directives = parseModFile(text);
  const requires: Directive[] = [];
  const replacements: Replacement[] = [];
  let goDirective: Directive | undefined;
  let toolchain: Directive | undefined;
  for (const d of directives) {
    if (d.verb === 'require') requires.push(d);
    else if (d.verb === 'replace') replacements.push(toReplacement(d));
    else if (d.verb === 'go') goDirective = once(goDirective, d);
    else if (d.verb === 'toolchain') toolchain = once(toolchain, d);
  }

  const byId = new Map<string, LockPackage>();
  for (const req of requires) {
    const [path, version] = req.args.map((a) => a.text) as [string, string];
    const replacement = findReplacement(replacements, path, version);
    const target = replacement ? replacement.to : { path, version };
    const local = target.version === undefined && isLocalPath(target.path);
    const pkg: LockPackage = {
      id: '',
      name: target.path,
      version: local ? '' : stripV(target.version ?? ''),
      ecosystem: 'Go',
      depGroups: [],
      direct: !isIndirect(req.comment),
      start: (replacement?.directive ?? req).start,
      end: (replacement?.directive ?? req).end,
    };
    pkg.id = `${pkg.name}@${pkg.version}`;
    const seen = byId.get(pkg.id);
    if (seen) seen.direct = seen.direct === true || pkg.direct === true;
    else byId.set(pkg.id, pkg);
  }

  const stdlib = stdlibPackage(toolchain, goDirective);
  if (stdlib && !byId.has(stdlib.id)) byId.set(stdlib.id, stdlib);

  const packages = [...byId.values()].sort(compareIds);
  return { packages, roots: packages.filter((p) => p.direct).map((p) => p.id) };
}

export function extractGoSum(text: string): Extraction {
  const byId = new Map<string, LockPackage>();
  let offset = 0;
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const start = offset;
    offset += raw.length + 1;
    const content = raw.trim();
    if (content === '') continue;
    const fields = content.split(/[ \t]+/);
    const [module, version, hash] = fields;
    if (fields.length !== 3 || !module || !version || !hash) {
      throw new ExtractError(`malformed go.sum line: expected 'module version hash', got '${content}'`, line);
    }
    if (!version.startsWith('v'))
      throw new ExtractError(`malformed go.sum line: invalid version '${version}'`, line);
    if (version.endsWith('/go.mod')) continue; // only the module's go.mod was read, not its code
    const pkg: LockPackage = {
      id: `${module}@${stripV(version)}`,
      name: module,
      version: stripV(version),
      ecosystem: 'Go',
      depGroups: [],
      start: start + raw.indexOf(module),
      end: start + raw.trimEnd().length,
    };
    if (!byId.has(pkg.id)) byId.set(pkg.id, pkg);
  }
  return { packages: [...byId.values()].sort(compareIds) };
}

/**
 * The replacement that applies to `path@version`: one naming that exact version wins over one for
 * every version of the module (as in Go); among equals the last one counts.
 */
function findReplacement(
  replacements: Replacement[],
  path: string,
  version: string,
): Replacement | undefined {
  let any: Replacement | undefined;
  let exact: Replacement | undefined;
  for (const r of replacements) {
    if (r.from.path !== path) continue;
    if (r.from.version === undefined) any = r;
    else if (r.from.version === version) exact = r;
  }
  return exact ?? any;
}

/** The standard library: the toolchain the module asks for, or else the Go version it declares. */
function stdlibPackage(
  toolchain: Directive | undefined,
  goDirective: Directive | undefined,
): LockPackage | undefined {
  const fromToolchain = toolchain ? /^go(\d[^-+ ]*)/.exec(toolchain.args[0]?.text ?? '')?.[1] : undefined;
  const source = fromToolchain ? toolchain : goDirective;
  const version = fromToolchain ?? goDirective?.args[0]?.text;
  if (!source || !version) return undefined;
  return {
    id: `stdlib@${version}`,
    name: 'stdlib',
    version,
    ecosystem: 'Go',
    depGroups: [],
    direct: true,
    start: source.start,
    end: source.end,
  };
}

function once(previous: Directive | undefined, d: Directive): Directive {
  if (previous)
    throw new ExtractError(`repeated ${d.verb} directive (first on line ${previous.line})`, d.line);
  return d;
}

/** `// indirect`, possibly followed by `; other remarks`, as the go command writes and reads it. */
function isIndirect(comment: string): boolean {
  return comment === 'indirect' || comment.startsWith('indirect;');
}

function stripV(version: string): string {
  return version.startsWith('v') ? version.slice(1) : version;
}

function compareIds(a: LockPackage, b: LockPackage): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
