/**
 * Parses Dockerfiles into the document model (`model.ts`). `dockerfile-ast` finds instruction boundaries,
 * parser directives, the escape character, heredocs and ENV/ARG/LABEL properties; this module joins
 * continuation lines with an offset map, reads flags, exec-form JSON, FROM images and stages, and lexes RUN
 * scripts. Problems become per-file errors with a line; `parse` never throws.
 */
import { DockerfileParser, type Heredoc, type Instruction, type Property } from 'dockerfile-ast';
import type { IacFileError, SourceText } from '../../check.js';
import type {
  DockerDirective,
  DockerDocument,
  DockerFlag,
  DockerHeredoc,
  DockerInstruction,
  DockerProperty,
  DockerStage,
  DockerWord,
  MappedText,
  ShellCommand,
  ShellWord,
} from './model.js';
import { commandName, invocation, isShell, parseShell, withNested } from './shell.js';
import { expand, parseImageRef } from './vars.js';

const KNOWN = new Set(
  [
    'ADD ARG CMD COPY ENTRYPOINT ENV EXPOSE FROM HEALTHCHECK LABEL MAINTAINER ONBUILD RUN SHELL',
    'STOPSIGNAL USER VOLUME WORKDIR',
  ]
    .join(' ')
    .split(' '),
);
const WITH_FLAGS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);
const WITH_HEREDOCS = new Set(['RUN', 'COPY', 'ADD']);
const WITH_PROPERTIES = new Set(['ENV', 'ARG', 'LABEL']);
const MAX_UNKNOWN_ERRORS = 10;
/** Larger files are not Dockerfiles anyone writes by hand; they are skipped with an error. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** Extensions of files named like `Dockerfile.*` that are not Dockerfiles. */
const NOT_DOCKERFILE = new Set(
  [
    'dockerignore md markdown rst json yml yaml toml sh bash ps1 py js ts go lock orig rej swp',
    'bak patch diff',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Whether `path` names a Dockerfile: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile`
 * (case-insensitive). `Dockerfile.<ext>` names with an extension of another format are not.
 */
export function isDockerfilePath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (base === 'dockerfile' || base === 'containerfile') return true;
  if (base.endsWith('.dockerfile') || base.endsWith('.containerfile')) return true;
  if (base.startsWith('dockerfile.') || base.startsWith('containerfile.')) {
    const ext = base.slice(base.lastIndexOf('.') + 1);
    return ext !== '' && !NOT_DOCKERFILE.has(ext);
  }
  return false;
}

interface Position {
  line: number;
  character: number;
}

/**
 * Whether the text starts like a Dockerfile: its first line that is not blank or a comment begins with an
 * instruction keyword (or holds template syntax, reported later as a template).
 */
export function looksLikeDockerfile(text: string): boolean {
  for (const raw of text.split('\n', 200)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.includes('{{') || line.includes('{%')) return true;
    const word = line.split(/[\s[]/, 1)[0] ?? '';
    return KNOWN.has(word.toUpperCase());
  }
  return true;
}

/** Whether the platform reads the file: Dockerfile names, and for `Dockerfile.<ext>` names a Dockerfile-like start. */
export function matchesDockerfile(path: string, text: string): boolean {
  if (!isDockerfilePath(path)) return false;
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (base.startsWith('dockerfile.') || base.startsWith('containerfile.')) return looksLikeDockerfile(text);
  return true;
}

class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  offset(position: Position): number {
    return (this.starts[position.line] ?? this.starts[this.starts.length - 1] ?? 0) + position.character;
  }
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  lineStart(offset: number): number {
    return this.starts[this.lineOf(offset) - 1] ?? 0;
  }
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

/**
 * Joins `text[from, to)` into one logical line: an escape character at the end of a line continues it, and
 * empty or comment lines inside the continuation are dropped (as Docker does).
 */
export function joinLines(text: string, from: number, to: number, escape: string): MappedText {
  let i = from;
  while (i < to && isBlank(text.charAt(i))) i++;
  let out = '';
  const map: number[] = [];
  while (i < to) {
    const c = text.charAt(i);
    if (c === escape) {
      let j = i + 1;
      while (j < to && isBlank(text.charAt(j))) j++;
      if (j >= to || text.charAt(j) === '\n') {
        i = j + 1;
        // Drop empty and comment lines that follow a continuation.
        for (;;) {
          let k = i;
          while (k < to && isBlank(text.charAt(k))) k++;
          if (k < to && text.charAt(k) === '#') {
            const eol = text.indexOf('\n', k);
            i = eol < 0 || eol >= to ? to : eol + 1;
          } else if (k < to && text.charAt(k) === '\n') i = k + 1;
          else break;
        }
        continue;
      }
    }
    out += c;
    map.push(i);
    i++;
  }
  let len = out.length;
  while (len > 0 && /\s/.test(out.charAt(len - 1))) len--;
  out = out.slice(0, len);
  map.length = len;
  map.push(len > 0 ? (map[len - 1] ?? from) + 1 : from);
  return { text: out, map };
}

/** `source` from index `from` (trimmed at the start). */
function sliceMapped(source: MappedText, from: number): MappedText {
  let i = from;
  while (i < source.text.length && /\s/.test(source.text.charAt(i))) i++;
  return { text: source.text.slice(i), map: source.map.slice(i) };
}

function readFlags(args: MappedText): { flags: DockerFlag[]; restAt: number } {
  const flags: DockerFlag[] = [];
  const t = args.text;
  let p = 0;
  for (;;) {
    while (p < t.length && /\s/.test(t.charAt(p))) p++;
    if (!t.startsWith('--', p)) break;
    let q = p;
    while (q < t.length && !/\s/.test(t.charAt(q))) q++;
    const word = t.slice(p + 2, q);
    const eq = word.indexOf('=');
    flags.push({
      name: (eq < 0 ? word : word.slice(0, eq)).toLowerCase(),
      value: eq < 0 ? null : word.slice(eq + 1),
      start: args.map[p] ?? 0,
      end: (args.map[q - 1] ?? 0) + 1,
    });
    p = q;
  }
  return { flags, restAt: p };
}

/** Parses an exec-form JSON array of strings with offsets; `undefined` when it is not one. */
export function readJsonArray(source: MappedText): ShellWord[] | undefined {
  const t = source.text;
  let i = 0;
  const ws = (): void => {
    while (i < t.length && /\s/.test(t.charAt(i))) i++;
  };
  ws();
  if (t.charAt(i) !== '[') return undefined;
  i++;
  const out: ShellWord[] = [];
  ws();
  if (t.charAt(i) === ']') {
    i++;
    ws();
    return i === t.length ? out : undefined;
  }
  for (;;) {
    ws();
    if (t.charAt(i) !== '"') return undefined;
    const startIndex = i;
    i++;
    let value = '';
    const map: number[] = [];
    let closed = false;
    while (i < t.length) {
      const c = t.charAt(i);
      const at = source.map[i] ?? 0;
      if (c === '"') {
        closed = true;
        i++;
        break;
      }
      if (c === '\\') {
        const d = t.charAt(i + 1);
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        const s = simple[d];
        if (s !== undefined) {
          value += s;
          map.push(at);
          i += 2;
        } else if (d === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(t.slice(i + 2, i + 6), 16));
          map.push(at);
          i += 6;
        } else return undefined;
        continue;
      }
      value += c;
      map.push(at);
      i++;
    }
    if (!closed) return undefined;
    const end = (source.map[i - 1] ?? 0) + 1;
    map.push(end - 1);
    out.push({ value, map, start: source.map[startIndex] ?? 0, end, expansion: false, quoted: true });
    ws();
    if (t.charAt(i) === ',') {
      i++;
      continue;
    }
    if (t.charAt(i) === ']') {
      i++;
      ws();
      return i === t.length ? out : undefined;
    }
    return undefined;
  }
}

function splitWords(source: MappedText): DockerWord[] {
  const out: DockerWord[] = [];
  const t = source.text;
  let i = 0;
  while (i < t.length) {
    while (i < t.length && /\s/.test(t.charAt(i))) i++;
    if (i >= t.length) break;
    const from = i;
    while (i < t.length && !/\s/.test(t.charAt(i))) i++;
    out.push({ value: t.slice(from, i), start: source.map[from] ?? 0, end: (source.map[i - 1] ?? 0) + 1 });
  }
  return out;
}

function heredocsOf(instruction: Instruction): Heredoc[] {
  const getter = (instruction as unknown as { getHeredocs?: () => Heredoc[] }).getHeredocs;
  return typeof getter === 'function' ? getter.call(instruction) : [];
}

function propertiesOf(instruction: Instruction, text: string, lines: Lines): DockerProperty[] {
  const getter = (instruction as unknown as { getProperties?: () => Property[] }).getProperties;
  if (typeof getter !== 'function') return [];
  return getter.call(instruction).map((p) => {
    const range = p.getRange();
    const nameRange = p.getNameRange();
    const valueRange = p.getValueRange();
    const start = lines.offset(range.start);
    const end = Math.max(lines.offset(range.end), valueRange === null ? start : lines.offset(valueRange.end));
    return {
      name: p.getName(),
      value: p.getValue(),
      rawValue:
        valueRange === null ? null : text.slice(lines.offset(valueRange.start), lines.offset(valueRange.end)),
      start,
      end,
      nameStart: lines.offset(nameRange.start),
      nameEnd: lines.offset(nameRange.end),
    };
  });
}

/** Commands of a RUN instruction. */
function runCommands(instruction: DockerInstruction): ShellCommand[] {
  if (instruction.json) {
    const words = readJsonArray(instruction.rest) ?? [];
    if (words.length === 0) return [];
    return withNested([{ assignments: [], words, before: null, after: null, depth: 0 }], 0);
  }
  const first = parseShell(instruction.rest);
  if (instruction.heredocs.length === 0) return first;
  // `RUN <<EOF` runs the body as the script; `RUN bash <<EOF` / `RUN <<EOF sh -e` feeds it to a shell.
  const top = first.filter((c) => c.depth === 0);
  const inv = top.length === 1 && top[0] !== undefined ? invocation(top[0]) : undefined;
  const bodyIsScript =
    top.length === 0 ||
    (inv !== undefined && isShell(inv.name) && inv.args.every((a) => a.value.startsWith('-')));
  if (!bodyIsScript) return first;
  return [...first, ...instruction.heredocs.flatMap((h) => parseShell(h.body))];
}

const NON_POSIX_SHELLS = new Set(['powershell', 'powershell.exe', 'pwsh', 'pwsh.exe', 'cmd', 'cmd.exe']);

function isWindowsImage(image: string): boolean {
  const lower = image.toLowerCase();
  return lower.includes('windows') || lower.includes('nanoserver') || lower.includes('servercore');
}

export interface ParseResult {
  doc?: DockerDocument;
  errors: IacFileError[];
}

/** Parses one Dockerfile. */
export function parseDockerfile(path: string, source: string): ParseResult {
  const errors: IacFileError[] = [];
  if (source.length > MAX_DOCKERFILE_BYTES)
    return {
      errors: [{ path, message: `Dockerfile is larger than ${MAX_DOCKERFILE_BYTES / 1024} KiB; skipped` }],
    };
  // A lone CR is a line break for the parser; make it a LF of the same length so offsets stay equal.
  const text = source.replace(/\r(?!\n)/g, '\n');
  const lines = new Lines(text);
  let parsed;
  try {
    parsed = DockerfileParser.parse(text);
  } catch (error) {
    return {
      errors: [
        {
          path,
          message: `Cannot parse Dockerfile: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  const escape = parsed.getEscapeCharacter();
  const directives: DockerDirective[] = parsed.getDirectives().map((d) => {
    const range = d.getRange();
    return {
      name: d.getName().toLowerCase(),
      value: d.getValue(),
      start: lines.offset(range.start),
      end: lines.offset(range.end),
    };
  });

  const instructions: DockerInstruction[] = [];
  const globals: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  const globalScope = new Map<string, string | null>();
  let unknown = 0;

  for (const node of parsed.getInstructions()) {
    const range = node.getRange();
    const keyword = node.getKeyword().toUpperCase();
    const known = KNOWN.has(keyword);
    const start = lines.offset(range.start);
    const end = lines.offset(range.end);
    const keywordEnd = lines.offset(node.getInstructionRange().end);
    const line = range.start.line + 1;

    const heredocs: DockerHeredoc[] = [];
    let argsEnd = end;
    if (WITH_HEREDOCS.has(keyword)) {
      for (const h of heredocsOf(node)) {
        const content = h.getContentRange();
        const delimiter = h.getDelimiterRange();
        const bodyFrom =
          content !== null
            ? lines.offset(content.start)
            : delimiter !== null
              ? lines.offset(delimiter.start)
              : end;
        const bodyTo = content !== null ? lines.offset(content.end) : bodyFrom;
        if (heredocs.length === 0)
          argsEnd = Math.min(argsEnd, Math.max(keywordEnd, lines.lineStart(bodyFrom) - 1));
        const map: number[] = [];
        for (let k = bodyFrom; k <= bodyTo; k++) map.push(k);
        const opener = text.slice(lines.offset(h.getStartRange().start), lines.offset(h.getStartRange().end));
        heredocs.push({
          name: h.getName(),
          stripTabs: opener.startsWith('<<-'),
          body: { text: text.slice(bodyFrom, bodyTo), map },
          terminated: delimiter !== null,
        });
        if (delimiter === null)
          errors.push({ path, line, message: `Here-document <<${h.getName()} is not terminated` });
      }
    }

    const args = joinLines(text, keywordEnd, argsEnd, escape);
    const { flags, restAt } = WITH_FLAGS.has(keyword) ? readFlags(args) : { flags: [], restAt: 0 };
    const rest = sliceMapped(args, restAt);
    const jsonWords =
      keyword === 'RUN' ||
      keyword === 'CMD' ||
      keyword === 'ENTRYPOINT' ||
      keyword === 'SHELL' ||
      keyword === 'COPY' ||
      keyword === 'ADD' ||
      keyword === 'VOLUME'
        ? readJsonArray(rest)
        : undefined;
    const instruction: DockerInstruction = {
      keyword,
      known,
      start,
      end,
      keywordEnd,
      line,
      args,
      flags,
      words:
        jsonWords !== undefined
          ? jsonWords.map((w) => ({ value: w.value, start: w.start, end: w.end }))
          : splitWords(rest),
      rest,
      json: jsonWords !== undefined,
      heredocs,
      properties: WITH_PROPERTIES.has(keyword) ? propertiesOf(node, text, lines) : [],
      stage: stages.length - 1,
      commands: [],
    };
    instructions.push(instruction);

    if (!known) {
      unknown++;
      if (unknown <= MAX_UNKNOWN_ERRORS)
        errors.push({ path, line, message: `Unknown instruction "${node.getInstruction()}"` });
      continue;
    }
    if (rest.text === '' && heredocs.length === 0 && flags.length === 0) {
      errors.push({ path, line, message: `${keyword} has no arguments` });
      if (keyword !== 'FROM') continue;
    }

    if (keyword === 'FROM') {
      const image = instruction.words[0];
      const stage: DockerStage = {
        index: stages.length,
        from: instruction,
        image: image?.value ?? '',
        imageStart: image?.start ?? start,
        imageEnd: image?.end ?? end,
        scratch: false,
        instructions: [instruction],
        posixShell: true,
      };
      instruction.stage = stage.index;
      const as = instruction.words[1];
      const alias = instruction.words[2];
      if (as !== undefined && as.value.toUpperCase() === 'AS' && alias !== undefined) {
        stage.alias = alias.value;
        stage.aliasStart = alias.start;
        stage.aliasEnd = alias.end;
      }
      const words = instruction.words.length;
      if (words === 2 || words > 3 || (words === 3 && as?.value.toUpperCase() !== 'AS'))
        errors.push({ path, line, message: 'FROM expects `image [AS name]`' });
      const platform = flags.find((f) => f.name === 'platform');
      if (platform?.value != null) stage.platform = platform.value;
      const resolvedText = image === undefined ? undefined : expand(image.value, globalScope, escape);
      if (resolvedText !== undefined) {
        const lower = resolvedText.toLowerCase();
        const parent = stages.find((s) => s.alias !== undefined && s.alias.toLowerCase() === lower);
        if (parent !== undefined) {
          stage.parent = parent.index;
          stage.posixShell = parent.posixShell;
        } else {
          const ref = parseImageRef(resolvedText);
          if (ref !== undefined) stage.resolved = ref;
          stage.scratch = lower === 'scratch';
          if (isWindowsImage(resolvedText)) stage.posixShell = false;
        }
      }
      stages.push(stage);
      continue;
    }

    const stage = stages[stages.length - 1];
    if (stage === undefined) {
      globals.push(instruction);
      if (keyword === 'ARG') for (const p of instruction.properties) globalScope.set(p.name, p.value);
      else errors.push({ path, line, message: `${keyword} before the first FROM` });
      continue;
    }
    stage.instructions.push(instruction);
    if (keyword === 'USER') stage.user = instruction;
    if (keyword === 'ENV')
      for (const p of instruction.properties)
        if (p.value === null) errors.push({ path, line, message: `ENV ${p.name} has no value` });
    if (keyword === 'SHELL') {
      const program = commandName(readJsonArray(rest)?.[0]).toLowerCase();
      stage.posixShell = program !== '' && !NON_POSIX_SHELLS.has(program);
    }
    if (keyword === 'RUN' && stage.posixShell) instruction.commands = runCommands(instruction);
  }
  if (unknown > MAX_UNKNOWN_ERRORS)
    errors.push({ path, message: `${unknown - MAX_UNKNOWN_ERRORS} more unknown instructions` });
  if (stages.length === 0 && instructions.some((i) => i.known && i.keyword !== 'ARG'))
    errors.push({ path, line: instructions[0]?.line ?? 1, message: 'No FROM instruction' });

  if (errors.length > 0 && (text.includes('{{') || text.includes('{%'))) {
    const first = errors.find((e) => e.line !== undefined)?.line;
    return {
      errors: [
        {
          path,
          ...(first !== undefined && { line: first }),
          level: 'info',
          message:
            'Looks like a template ({{ }} / {% %}); render it first (for example `jinja2 Dockerfile.j2 | rampart scan --stdin --type dockerfile`)',
        },
      ],
    };
  }
  const doc: DockerDocument = { path, text: source, directives, escape, instructions, globals, stages };
  const final = stages[stages.length - 1];
  if (final !== undefined) doc.final = final;
  return { doc, errors };
}

/** Parses Dockerfiles: one document per file. */
export function parse(files: readonly SourceText[]): { docs: DockerDocument[]; errors: IacFileError[] } {
  const docs: DockerDocument[] = [];
  const errors: IacFileError[] = [];
  for (const file of files) {
    try {
      const result = parseDockerfile(file.path, file.text);
      if (result.doc !== undefined) docs.push(result.doc);
      errors.push(...result.errors);
    } catch (error) {
      errors.push({
        path: file.path,
        message: `Cannot parse Dockerfile: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return { docs, errors };
}
