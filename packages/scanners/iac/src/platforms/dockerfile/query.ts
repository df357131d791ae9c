/**
 * Helpers that checks share: stages (final, shipped), RUN commands as invocations, command-line options,
 * variable scopes and the common reporting shape.
 */
import type { IacReport } from '../../check.js';
import type { DockerDocument, DockerInstruction, DockerStage, ShellWord } from './model.js';
import { invocation, isAssignment, type Invocation } from './shell.js';
import { expand } from './vars.js';

/** `path` without trailing slashes (no regex: `/\/+$/` backtracks on long runs of slashes). */
export function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charAt(end - 1) === '/') end--;
  return path.slice(0, end);
}

/** `stage build (FROM golang:1.22)` or `stage 0 (FROM alpine)`. */
export function stageLabel(stage: DockerStage): string {
  const name = stage.alias ?? String(stage.index);
  return `stage ${name} (FROM ${stage.image})`;
}

/** The last stage (the image that `docker build` produces). */
export function finalStage(doc: DockerDocument): DockerStage | undefined {
  return doc.final;
}

/** The final stage and the stages it builds on (`FROM <alias>`), final first. */
export function finalChain(doc: DockerDocument): DockerStage[] {
  const out: DockerStage[] = [];
  let stage = finalStage(doc);
  const seen = new Set<number>();
  while (stage !== undefined && !seen.has(stage.index)) {
    seen.add(stage.index);
    out.push(stage);
    stage = stage.parent === undefined ? undefined : doc.stages[stage.parent];
  }
  return out;
}

/** Indexes of the stages whose layers end up in the final image. */
export function shippedStages(doc: DockerDocument): Set<number> {
  return new Set(finalChain(doc).map((s) => s.index));
}

/** The stage's chain of ancestors (itself first). */
export function chainOf(doc: DockerDocument, stage: DockerStage): DockerStage[] {
  const out: DockerStage[] = [];
  const seen = new Set<number>();
  let current: DockerStage | undefined = stage;
  while (current !== undefined && !seen.has(current.index)) {
    seen.add(current.index);
    out.push(current);
    current = current.parent === undefined ? undefined : doc.stages[current.parent];
  }
  return out;
}

/** The root image of a stage's chain (the first non-stage base). */
export function baseStage(doc: DockerDocument, stage: DockerStage): DockerStage {
  const chain = chainOf(doc, stage);
  return chain[chain.length - 1] ?? stage;
}

/** Instructions of a stage with a given keyword (known instructions only). */
export function instructionsOf(stage: DockerStage, keyword: string): DockerInstruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** Every instruction of every stage, with its stage. */
export function* stageInstructions(
  doc: DockerDocument,
  keyword?: string,
): Generator<[DockerInstruction, DockerStage]> {
  for (const stage of doc.stages)
    for (const instruction of stage.instructions)
      if (instruction.known && (keyword === undefined || instruction.keyword === keyword))
        yield [instruction, stage];
}

/** A RUN instruction with its stage and the invocations of its commands. */
export interface RunInfo {
  run: DockerInstruction;
  stage: DockerStage;
  invocations: Invocation[];
}

const RUNS = new WeakMap<DockerDocument, RunInfo[]>();

/** Every RUN of every stage with its invocations (computed once per document). */
export function runs(doc: DockerDocument): RunInfo[] {
  const cached = RUNS.get(doc);
  if (cached !== undefined) return cached;
  const out: RunInfo[] = [];
  for (const [run, stage] of stageInstructions(doc, 'RUN')) {
    const invocations: Invocation[] = [];
    for (const command of run.commands) {
      const inv = invocation(command);
      if (inv !== undefined) invocations.push(inv);
    }
    out.push({ run, stage, invocations });
  }
  RUNS.set(doc, out);
  return out;
}

/** Whether `word` is the long option `--name` or `--name=...`. */
export function isLong(word: ShellWord, name: string): boolean {
  return word.value === name || word.value.startsWith(`${name}=`);
}

/**
 * Whether `args` hold any of the options: long ones (`--yes`, or `--yes=...`) or single-letter ones, also in
 * clusters (`-qy`). Stops at `--`.
 */
export function hasOption(args: readonly ShellWord[], long: readonly string[], short = ''): boolean {
  for (const arg of args) {
    const v = arg.value;
    if (v === '--') return false;
    if (v.startsWith('--')) {
      if (long.some((l) => isLong(arg, l))) return true;
    } else if (v.startsWith('-') && v.length > 1 && short !== '') {
      for (const c of v.slice(1)) if (short.includes(c)) return true;
    }
  }
  return false;
}

/** The option word matching, for reporting. */
export function findOption(
  args: readonly ShellWord[],
  long: readonly string[],
  short = '',
): ShellWord | undefined {
  for (const arg of args) {
    const v = arg.value;
    if (v === '--') return undefined;
    if (v.startsWith('--')) {
      if (long.some((l) => isLong(arg, l))) return arg;
    } else if (v.startsWith('-') && v.length > 1 && short !== '') {
      for (const c of v.slice(1)) if (short.includes(c)) return arg;
    }
  }
  return undefined;
}

/**
 * The non-option arguments. `withValue` lists options that take the next word as their value (`-o`,
 * `--option`); `--x=v` never does.
 */
export function positionals(args: readonly ShellWord[], withValue: readonly string[] = []): ShellWord[] {
  const out: ShellWord[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k] as ShellWord;
    const v = arg.value;
    if (v === '--') {
      out.push(...args.slice(k + 1));
      break;
    }
    if (v.startsWith('-') && v.length > 1) {
      if (withValue.includes(v)) k++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** The values given to an option: `--name value`, `--name=value`. */
export function optionValues(args: readonly ShellWord[], names: readonly string[]): ShellWord[] {
  const out: ShellWord[] = [];
  for (let k = 0; k < args.length; k++) {
    const arg = args[k] as ShellWord;
    if (names.includes(arg.value)) {
      const next = args[k + 1];
      if (next !== undefined) out.push(next);
      k++;
    } else if (names.some((n) => n.startsWith('--') && arg.value.startsWith(`${n}=`))) out.push(arg);
  }
  return out;
}

/** `--mount=type=cache,target=/x` targets of a RUN. */
export function cacheMountTargets(run: DockerInstruction): string[] {
  const out: string[] = [];
  for (const flag of run.flags) {
    if (flag.name !== 'mount' || flag.value === null) continue;
    const fields = new Map<string, string>();
    for (const part of flag.value.split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).toLowerCase(), part.slice(eq + 1).replace(/^["']|["']$/g, ''));
    }
    if (fields.get('type') !== 'cache') continue;
    const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
    if (target !== undefined) out.push(target);
  }
  return out;
}

/** Whether a cache mount covers `dir` (or a folder within it). */
export function hasCacheMount(run: DockerInstruction, dirs: readonly string[]): boolean {
  return cacheMountTargets(run).some((t) => {
    const target = trimSlashes(t);
    return dirs.some((d) => target === d || target.startsWith(`${d}/`) || d.startsWith(`${target}/`));
  });
}

/** Whether an `rm` (or `find ... -delete`) of the RUN removes one of `paths` or a folder holding it. */
export function removes(invocations: readonly Invocation[], paths: readonly string[]): boolean {
  const covers = (arg: string): boolean => {
    const value = trimSlashes(arg);
    const prefix = value.endsWith('/*')
      ? value.slice(0, -1)
      : value.endsWith('*')
        ? value.slice(0, -1)
        : `${value}/`;
    return paths.some(
      (p) => value === p || value.startsWith(`${p}/`) || (prefix.length > 5 && `${p}/`.startsWith(prefix)),
    );
  };
  return invocations.some((inv) => {
    if (inv.name === 'rm') return positionals(inv.args).some((a) => covers(a.value));
    if (inv.name === 'find')
      return inv.args.some((a) => a.value === '-delete') && inv.args.some((a) => covers(a.value));
    return false;
  });
}

/**
 * The variables in scope just before `at` in `stage`: ENV of the stage and its ancestors, ARG of the stage
 * (with global defaults for `ARG NAME` redeclarations). ENV wins over ARG of the same name, as in Docker.
 */
export function scopeAt(doc: DockerDocument, stage: DockerStage, at: number): Map<string, string | null> {
  const globals = new Map<string, string | null>();
  for (const g of doc.globals)
    if (g.keyword === 'ARG') for (const p of g.properties) globals.set(p.name, p.value);
  const env = new Map<string, string | null>();
  const args = new Map<string, string | null>();
  const merged = (): Map<string, string | null> => new Map([...args, ...env]);
  for (const s of chainOf(doc, stage).reverse()) {
    for (const instruction of s.instructions) {
      if (s === stage && instruction.start >= at) break;
      const isEnv = instruction.keyword === 'ENV';
      // ARG values do not persist into child stages; ENV values do.
      if (!isEnv && !(instruction.keyword === 'ARG' && s === stage)) continue;
      for (const p of instruction.properties) {
        let value: string | null;
        if (p.value === null) value = isEnv ? null : (globals.get(p.name) ?? null);
        else if (p.rawValue?.startsWith("'") === true) value = p.value;
        else value = expand(p.value, merged(), doc.escape) ?? null;
        (isEnv ? env : args).set(p.name, value);
      }
    }
  }
  return merged();
}

/** `value` with variables of the scope at `instruction` substituted; `undefined` when unknown. */
export function resolveAt(
  doc: DockerDocument,
  stage: DockerStage,
  instruction: DockerInstruction,
  value: string,
): string | undefined {
  if (!value.includes('$')) return value;
  return expand(value, scopeAt(doc, stage, instruction.start), doc.escape);
}

/** Removes one pair of surrounding quotes. */
export function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && (v.startsWith('"') || v.startsWith("'")) && v.endsWith(v.charAt(0)))
    return v.slice(1, -1);
  return v;
}

/** Reports a span with the stage as the resource. */
export function reportAt(
  report: IacReport,
  doc: DockerDocument,
  stage: DockerStage | undefined,
  span: { start: number; end: number },
  message?: string,
): void {
  report({
    path: doc.path,
    start: span.start,
    end: span.end,
    ...(stage !== undefined && { resource: stageLabel(stage) }),
    ...(message !== undefined && { message }),
  });
}

/** The span of an instruction's first line (keyword and the arguments on that line). */
export function headSpan(
  instruction: DockerInstruction,
  doc: DockerDocument,
): { start: number; end: number } {
  const eol = doc.text.indexOf('\n', instruction.start);
  const end = eol < 0 || eol > instruction.end ? instruction.end : eol;
  return { start: instruction.start, end: Math.max(end, instruction.keywordEnd) };
}

/** The span from the first to the last of some words. */
export function wordsSpan(first: { start: number }, last: { end: number }): { start: number; end: number } {
  return { start: first.start, end: Math.max(last.end, first.start + 1) };
}

/** An environment variable set by ENV, ARG (default value) or inside a RUN (`X=1 cmd`, `export X=1`, `env X=1`). */
export interface EnvSetting {
  name: string;
  value: string;
  start: number;
  end: number;
  stage?: DockerStage;
  source: 'ENV' | 'ARG' | 'RUN';
}

function assignmentSetting(word: ShellWord, stage: DockerStage): EnvSetting {
  const eq = word.value.indexOf('=');
  return {
    name: word.value.slice(0, eq),
    value: word.value.slice(eq + 1),
    start: word.start,
    end: word.end,
    stage,
    source: 'RUN',
  };
}

/** Every environment variable set with a value, in file order. */
export function envSettings(doc: DockerDocument): EnvSetting[] {
  const out: EnvSetting[] = [];
  const fromProperties = (instruction: DockerInstruction, stage: DockerStage | undefined): void => {
    if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') return;
    for (const p of instruction.properties) {
      if (p.value === null) continue;
      out.push({
        name: p.name,
        value: p.value,
        start: p.start,
        end: p.end,
        ...(stage !== undefined && { stage }),
        source: instruction.keyword,
      });
    }
  };
  for (const g of doc.globals) fromProperties(g, undefined);
  for (const stage of doc.stages) {
    for (const instruction of stage.instructions) {
      fromProperties(instruction, stage);
      if (instruction.keyword !== 'RUN') continue;
      for (const command of instruction.commands) {
        const seen = new Set<ShellWord>();
        const add = (word: ShellWord): void => {
          if (seen.has(word) || !isAssignment(word.value)) return;
          seen.add(word);
          out.push(assignmentSetting(word, stage));
        };
        command.assignments.forEach(add);
        const inv = invocation(command);
        if (inv === undefined) continue;
        inv.assignments.forEach(add);
        if (inv.name === 'export' || inv.name === 'declare' || inv.name === 'typeset') inv.args.forEach(add);
      }
    }
  }
  return out;
}

/** Whether a RUN verifies what it downloads (`sha256sum -c`, `gpg --verify`, `cosign verify`, ...). */
export function verifiesDownloads(invocations: readonly Invocation[]): boolean {
  return invocations.some((inv) => {
    if (['sha256sum', 'sha512sum', 'sha384sum', 'sha1sum', 'shasum', 'md5sum', 'b2sum'].includes(inv.name))
      return hasOption(inv.args, ['--check'], 'c');
    if (inv.name === 'gpg' || inv.name === 'gpg2') return hasOption(inv.args, ['--verify']);
    if (inv.name === 'gpgv' || inv.name === 'minisign' || inv.name === 'signify') return true;
    if (inv.name === 'cosign' || inv.name === 'slsa-verifier')
      return positionals(inv.args).some((a) => a.value.startsWith('verify'));
    return false;
  });
}

/** The first non-option argument of an invocation (its subcommand), skipping values of `withValue` options. */
export function subcommand(inv: Invocation, withValue: readonly string[] = []): ShellWord | undefined {
  return positionals(inv.args, withValue)[0];
}

/** Whether the image runs Windows (its default shell is cmd, its users differ). */
export function isWindowsBase(doc: DockerDocument, stage: DockerStage): boolean {
  const base = baseStage(doc, stage);
  const ref = (base.resolved?.ref ?? base.image).toLowerCase();
  return ref.includes('windows') || ref.includes('nanoserver') || ref.includes('servercore');
}

/** Case-sensitive glob match of `*` and `?` (no regex; linear in practice). */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    const pc = pattern.charAt(p);
    if (p < pattern.length && (pc === '?' || pc === text.charAt(t))) {
      p++;
      t++;
    } else if (p < pattern.length && pc === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern.charAt(p) === '*') p++;
  return p === pattern.length;
}

/** The file name part of a path (`a/b/c.txt` is `c.txt`; a trailing `/` is ignored). */
export function basename(path: string): string {
  const trimmed = trimSlashes(path);
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Source words of COPY/ADD (all words but the destination; heredoc markers included). */
export function copySources(instruction: DockerInstruction): DockerWordLike[] {
  return instruction.words.slice(0, -1);
}

export interface DockerWordLike {
  value: string;
  start: number;
  end: number;
}
