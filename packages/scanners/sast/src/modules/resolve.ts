/**
 * Resolves import specifiers to project files: relative paths (with TypeScript's `.js` → `.ts` mapping,
 * extension-less imports and `index` files), tsconfig `paths`/`baseUrl`, and workspace packages of the
 * project by their package.json name (`exports`/`main`, with `dist/` mapped back to `src/`).
 */
import { posix } from 'node:path';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.svelte'];

export interface PathAlias {
  /** Directory of the tsconfig (repository-relative, '' for the root). */
  dir: string;
  baseUrl: string | undefined;
  paths: [pattern: string, targets: string[]][];
}

export interface WorkspacePackage {
  name: string;
  dir: string;
  /** Subpath (`.`, `./utils`) → target path relative to dir. */
  exports: Map<string, string>;
}

export class ModuleResolver {
  constructor(
    private readonly files: ReadonlySet<string>,
    private readonly aliases: readonly PathAlias[] = [],
    private readonly packages: readonly WorkspacePackage[] = [],
  ) {}

  resolve(from: string, specifier: string): string | undefined {
    if (specifier.startsWith('.')) return this.resolvePath(posix.join(posix.dirname(from), specifier));
    if (specifier.startsWith('/')) return undefined;
    for (const alias of this.aliasesFor(from)) {
      for (const [pattern, targets] of alias.paths) {
        const star = pattern.indexOf('*');
        let rest: string | undefined;
        if (star === -1) rest = pattern === specifier ? '' : undefined;
        else {
          const head = pattern.slice(0, star);
          const tail = pattern.slice(star + 1);
          if (
            specifier.startsWith(head) &&
            specifier.endsWith(tail) &&
            specifier.length >= head.length + tail.length
          )
            rest = specifier.slice(head.length, specifier.length - tail.length);
        }
        if (rest === undefined) continue;
        for (const target of targets) {
          const base = posix.join(alias.dir, alias.baseUrl ?? '.', target.replace('*', rest));
          const found = this.resolvePath(base);
          if (found) return found;
        }
      }
      if (alias.baseUrl !== undefined) {
        const found = this.resolvePath(posix.join(alias.dir, alias.baseUrl, specifier));
        if (found) return found;
      }
    }
    for (const pkg of this.packages) {
      if (specifier !== pkg.name && !specifier.startsWith(`${pkg.name}/`)) continue;
      const subpath = specifier === pkg.name ? '.' : `./${specifier.slice(pkg.name.length + 1)}`;
      const target = pkg.exports.get(subpath);
      const candidates = target
        ? [target, target.replace(/^\.?\/?dist\//, 'src/').replace(/\.d\.ts$|\.js$/, '')]
        : [
            subpath === '.' ? 'src/index' : `src/${subpath.slice(2)}`,
            subpath === '.' ? 'index' : subpath.slice(2),
          ];
      for (const candidate of candidates) {
        const found = this.resolvePath(posix.join(pkg.dir, candidate));
        if (found) return found;
      }
    }
    return undefined;
  }

  private aliasesFor(from: string): PathAlias[] {
    return this.aliases
      .filter((a) => a.dir === '' || from.startsWith(`${a.dir}/`))
      .sort((a, b) => b.dir.length - a.dir.length);
  }

  private resolvePath(path: string): string | undefined {
    const normal = posix.normalize(path).replace(/^\.\//, '');
    if (normal.startsWith('../')) return undefined;
    if (this.files.has(normal)) return normal;
    // TypeScript ESM: `./util.js` names `./util.ts`
    const dot = normal.lastIndexOf('.');
    const slash = normal.lastIndexOf('/');
    if (dot > slash) {
      const stem = normal.slice(0, dot);
      const ext = normal.slice(dot);
      const swaps =
        ext === '.js'
          ? ['.ts', '.tsx']
          : ext === '.mjs'
            ? ['.mts']
            : ext === '.cjs'
              ? ['.cts']
              : ext === '.jsx'
                ? ['.tsx']
                : [];
      for (const swap of swaps) if (this.files.has(stem + swap)) return stem + swap;
    }
    for (const ext of EXTENSIONS) if (this.files.has(normal + ext)) return normal + ext;
    for (const ext of EXTENSIONS) if (this.files.has(`${normal}/index${ext}`)) return `${normal}/index${ext}`;
    return undefined;
  }
}
