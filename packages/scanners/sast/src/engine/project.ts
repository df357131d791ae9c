/**
 * Whole-project analysis: parse every file, build the module resolver from tsconfig and package.json
 * files, run each module's top level, then summarise every function. Files that fail to parse, look
 * minified, or run over the time budget are reported and skipped; the rest is still analysed.
 */
import { parseSync } from 'oxc-parser';
import type { Node } from '../frontend/ast.js';
import { ParseError, parseFile, type ParsedFile } from '../frontend/parse.js';
import { ModuleResolver, type PathAlias, type WorkspacePackage } from '../modules/resolve.js';
import { parseJsonc } from '../modules/jsonc.js';
import { Interpreter, type TaintFinding } from './interpreter.js';
import { loadModels } from './models.js';

export interface SourceText {
  path: string;
  text: string;
}

export interface AnalysisOptions {
  /** Milliseconds of analysis per file before it is skipped with a note. */
  timeoutMs: number;
  /** Skip vendored folders and minified files. */
  skipVendored: boolean;
}

export interface FileNote {
  path: string;
  code: 'parse-error' | 'skipped-minified' | 'skipped-vendored' | 'skipped-timeout' | 'skipped-too-complex';
  message: string;
  /** Offset of the problem in the file, when known. */
  offset?: number;
}

export interface ProjectAnalysis {
  parsed: Map<string, ParsedFile>;
  findings: TaintFinding[];
  notes: FileNote[];
}

const VENDORED = /(?:^|\/)(?:vendor|vendors|third_party|third-party|bower_components|node_modules)\//;

class BudgetExceeded extends Error {
  constructor(readonly path: string) {
    super(`analysis of ${path} ran over its time budget`);
  }
}

/** A file is treated as minified when its lines are very long on average. */
export function looksMinified(text: string): boolean {
  if (text.length < 4000) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > 300;
}

function tsconfigAliases(configs: readonly SourceText[]): PathAlias[] {
  const out: PathAlias[] = [];
  for (const config of configs) {
    let data: unknown;
    try {
      data = parseJsonc(config.text);
    } catch {
      continue;
    }
    const options = (data as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | null)
      ?.compilerOptions;
    if (!options) continue;
    const dir = config.path.includes('/') ? config.path.slice(0, config.path.lastIndexOf('/')) : '';
    const paths: [string, string[]][] = [];
    if (options.paths && typeof options.paths === 'object')
      for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>))
        if (Array.isArray(targets))
          paths.push([pattern, targets.filter((t): t is string => typeof t === 'string')]);
    const baseUrl = typeof options.baseUrl === 'string' ? options.baseUrl : undefined;
    if (paths.length > 0 || baseUrl !== undefined) out.push({ dir, baseUrl, paths });
  }
  return out;
}

function workspacePackages(manifests: readonly SourceText[]): WorkspacePackage[] {
  const out: WorkspacePackage[] = [];
  for (const manifest of manifests) {
    let data: { name?: unknown; main?: unknown; module?: unknown; exports?: unknown };
    try {
      data = JSON.parse(manifest.text) as typeof data;
    } catch {
      continue;
    }
    if (typeof data.name !== 'string') continue;
    const dir = manifest.path.includes('/') ? manifest.path.slice(0, manifest.path.lastIndexOf('/')) : '';
    const exports = new Map<string, string>();
    const pick = (target: unknown): string | undefined => {
      if (typeof target === 'string') return target;
      if (target && typeof target === 'object') {
        const conditions = target as Record<string, unknown>;
        for (const key of ['source', 'import', 'require', 'node', 'default'])
          if (key in conditions) {
            const found = pick(conditions[key]);
            if (found) return found;
          }
      }
      return undefined;
    };
    if (typeof data.exports === 'string') exports.set('.', data.exports);
    else if (data.exports && typeof data.exports === 'object') {
      const entries = Object.entries(data.exports as Record<string, unknown>);
      if (entries.every(([k]) => k.startsWith('.')))
        for (const [key, target] of entries) {
          const found = pick(target);
          if (found) exports.set(key, found);
        }
      else {
        const found = pick(data.exports);
        if (found) exports.set('.', found);
      }
    }
    const main =
      typeof data.module === 'string' ? data.module : typeof data.main === 'string' ? data.main : undefined;
    if (!exports.has('.') && main) exports.set('.', main);
    out.push({ name: data.name, dir, exports });
  }
  return out;
}

/** `v-html="expr"` in Vue templates and `{@html expr}` in Svelte markup: expressions rendered as HTML. */
export function templateHtmlSinks(path: string, text: string): { expression: Node; label: string }[] {
  const out: { expression: Node; label: string }[] = [];
  const add = (source: string, at: number, label: string): void => {
    // Parse `(expr)` on its own and shift offsets so they point into the original file.
    const shift = at - 1;
    const result = parseSync('template.js', `(${source})`, { lang: 'js', preserveParens: false });
    if (result.errors.length > 0) return;
    const statement = result.program.body[0] as unknown as Node | undefined;
    const expression = statement?.expression as Node | undefined;
    if (!expression) return;
    const stack: Node[] = [expression];
    while (stack.length > 0) {
      const node = stack.pop()!;
      node.start += shift;
      node.end += shift;
      for (const key in node) {
        const value = node[key];
        if (Array.isArray(value))
          for (const item of value) {
            if (item && typeof item === 'object' && 'type' in item) stack.push(item as Node);
          }
        else if (value && typeof value === 'object' && 'type' in value) stack.push(value as Node);
      }
    }
    out.push({ expression, label });
  };
  if (path.endsWith('.vue')) {
    for (let at = text.indexOf('v-html='); at !== -1; at = text.indexOf('v-html=', at + 7)) {
      const quote = text[at + 7];
      if (quote !== '"' && quote !== "'") continue;
      const close = text.indexOf(quote, at + 8);
      if (close === -1) continue;
      add(text.slice(at + 8, close), at + 8, 'v-html');
    }
  } else if (path.endsWith('.svelte')) {
    for (let at = text.indexOf('{@html'); at !== -1; at = text.indexOf('{@html', at + 6)) {
      const close = text.indexOf('}', at + 6);
      if (close === -1) continue;
      const inner = text.slice(at + 6, close);
      const lead = inner.length - inner.trimStart().length;
      add(inner.trim(), at + 6 + lead, '{@html}');
    }
  }
  return out;
}

/**
 * Analyses a project. `files` are the JS/TS/Vue/Svelte sources; `configs` tsconfig*.json and package.json
 * files for module resolution.
 */
export function analyzeProject(
  files: readonly SourceText[],
  configs: readonly SourceText[],
  options: AnalysisOptions,
): ProjectAnalysis {
  const notes: FileNote[] = [];
  const parsed = new Map<string, ParsedFile>();
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    if (options.skipVendored && VENDORED.test(file.path)) {
      notes.push({ path: file.path, code: 'skipped-vendored', message: 'skipped: vendored code' });
      continue;
    }
    if (options.skipVendored && looksMinified(file.text)) {
      notes.push({ path: file.path, code: 'skipped-minified', message: 'skipped: minified code' });
      continue;
    }
    try {
      parsed.set(file.path, parseFile(file.path, file.text));
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      notes.push({
        path: file.path,
        code: 'parse-error',
        message: `could not parse: ${error.message}`,
        ...(error.offset !== undefined && { offset: error.offset }),
      });
    }
  }
  const resolver = new ModuleResolver(
    new Set(parsed.keys()),
    tsconfigAliases(configs.filter((c) => /(?:^|\/)[jt]sconfig[^/]*\.json$/.test(c.path))),
    workspacePackages(configs.filter((c) => /(?:^|\/)package\.json$/.test(c.path))),
  );
  const findings: TaintFinding[] = [];
  const spent = new Map<string, number>();
  const timedOut = new Set<string>();
  let last = performance.now();
  let ticks = 0;
  let lastPath: string | undefined;
  const interpreter = new Interpreter(loadModels(), {
    resolve: (from, specifier) => resolver.resolve(from, specifier),
    parsed: (path) => (timedOut.has(path) ? undefined : parsed.get(path)),
    skipped: (path) => timedOut.has(path),
    report: (finding) => findings.push(finding),
    tick: (path) => {
      lastPath = path;
      if (++ticks % 64 !== 0) return;
      const now = performance.now();
      const total = (spent.get(path) ?? 0) + (now - last);
      last = now;
      spent.set(path, total);
      if (total > options.timeoutMs) throw new BudgetExceeded(path);
    },
  });
  const guard = (fn: () => void): void => {
    try {
      last = performance.now();
      fn();
    } catch (error) {
      if (error instanceof RangeError && lastPath !== undefined) {
        // Nesting deeper than the stack allows (generated code): skip the file, keep the rest.
        if (!timedOut.has(lastPath)) {
          timedOut.add(lastPath);
          notes.push({
            path: lastPath,
            code: 'skipped-too-complex',
            message: 'skipped: code nested too deeply to analyse',
          });
        }
        return;
      }
      if (!(error instanceof BudgetExceeded)) throw error;
      if (!timedOut.has(error.path)) {
        timedOut.add(error.path);
        notes.push({
          path: error.path,
          code: 'skipped-timeout',
          message: `skipped: timeout (analysis took over ${options.timeoutMs} ms)`,
        });
      }
    }
  };
  for (const path of parsed.keys()) guard(() => interpreter.runModule(path));
  for (const [path, file] of parsed)
    for (const sink of templateHtmlSinks(path, file.text))
      guard(() => interpreter.checkTemplateSink(path, sink.expression, 'xss', sink.label));
  for (let round = 0; round < 1000; round++) {
    let failed = false;
    guard(() => {
      try {
        interpreter.drain();
      } catch (error) {
        failed = true;
        throw error;
      }
    });
    if (!failed) break;
  }
  notes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.code.localeCompare(b.code)));
  return { parsed, findings, notes };
}
