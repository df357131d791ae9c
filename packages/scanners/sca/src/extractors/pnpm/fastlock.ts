/**
 * A fast reader for the usual `pnpm-lock.yaml` (lockfile versions 5.x to 9): one pass over the lines
 * that reads only what the extractor uses (the projects' dependencies; each `packages` entry's name,
 * version, resolution, `dev` and `optional` flags and dependencies, and where it starts and ends; the
 * `snapshots`' dependencies), without building the YAML document. Dependency names and versions are
 * kept as offsets into the text, and made strings only when the extractor asks for them.
 *
 * It reads the YAML subset of `lockyaml.ts` by the same rules (its `splitKey` and `inlineValue` for
 * anything but the usual lines, so every line is checked as the subset reader checks it), and returns
 * the document that reader and `fromPairs` would give. Whatever it is not sure of makes it return
 * undefined, and the caller reads the file the slower way, which also words the errors: anything
 * outside the subset, a section or dependency map in flow style other than `{}`, a field of the wrong
 * type, a key given twice, integer-like or `__proto__` keys, a lockfileVersion other than 5 to 9.
 */
import { inlineValue, MAX_DEPTH, NotSubset, splitKey, type EntrySpan } from '../npm/lockyaml.js';
import {
  isArrayIndex,
  lockfileMajor,
  type Pairs,
  type PnpmDocument,
  type ProjectDependencies,
} from './document.js';
import type { PackageEntry } from './schema.js';

/** Thrown inside the reader when the slower way must read the file. */
class Decline extends Error {}

const decline = (): never => {
  throw new Decline();
};

/** The document of a usual lockfile, or undefined when the slower way must read it. */
export function readPnpmFast(text: string): PnpmDocument | undefined {
  try {
    return new LineReader(text).document();
  } catch (error) {
    if (error instanceof Decline || error instanceof NotSubset) return undefined;
    throw error;
  }
}

// The members read, as flags (to refuse one given twice: an object keeps the last).
const NAME = 1;
const VERSION = 2;
const RESOLUTION = 4;
const DEV = 8;
const OPTIONAL = 16;
const DEPENDENCIES = 32;
const OPTIONAL_DEPENDENCIES = 64;
const DEV_DEPENDENCIES = 128;
const LOCKFILE_VERSION = 256;
const IMPORTERS = 512;
const PACKAGES = 1024;
const SNAPSHOTS = 2048;

const FIELDS: ReadonlyArray<readonly [string, number]> = [
  ['name', NAME],
  ['version', VERSION],
  ['resolution', RESOLUTION],
  ['dev', DEV],
  ['optional', OPTIONAL],
  ['dependencies', DEPENDENCIES],
  ['optionalDependencies', OPTIONAL_DEPENDENCIES],
  ['devDependencies', DEV_DEPENDENCIES],
  ['lockfileVersion', LOCKFILE_VERSION],
  ['importers', IMPORTERS],
  ['packages', PACKAGES],
  ['snapshots', SNAPSHOTS],
];

const NO_PAIRS: Pairs = { names: [], values: [] };
/** The entry of a package that gives none of the fields read. */
const NO_INFO: PackageEntry = Object.freeze({});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A printable ASCII character: neither white space that `trim` removes nor anything else odd. */
function isPlainChar(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}

/** Whether the text at `start` (ending at `end`) starts with a character that no plain scalar starts with. */
function startsWithIndicator(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  switch (c) {
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case 0x7b: // {
    case 0x7d: // }
    case 0x5b: // [
    case 0x5d: // ]
    case 0x2c: // ,
    case 0x23: // #
    case 0x3f: // ?
      return true;
    default:
      return (c === 0x2d || c === 0x3a) && (start + 1 === end || text.charCodeAt(start + 1) === 0x20);
  }
}

/** A plain scalar of the subset: no comment (` #`) or mapping (`: `) inside, no `:` at the end. */
function isPlainScalar(text: string, start: number, end: number): boolean {
  if (startsWithIndicator(text, start, end) || text.charCodeAt(end - 1) === 0x3a) return false;
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x23 ? text.charCodeAt(i - 1) === 0x20 : c === 0x20 && text.charCodeAt(i - 1) === 0x3a)
      return false;
  }
  return true;
}

/**
 * `{integrity: <base64>}`, the usual resolution of a registry package: nothing in it is read, and
 * the subset reader reads it as that one-member object.
 */
function isIntegrityOnly(text: string, start: number, end: number): boolean {
  const open = start + 12;
  if (end - start <= 13 || !text.startsWith('{integrity: ', start) || text.charCodeAt(end - 1) !== 0x7d)
    return false;
  for (let i = open; i < end - 1; i++) {
    const c = text.charCodeAt(i);
    const alphanumeric = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    // `+`, `/`, `=` and `-` after the first character (a leading `- ` is an indicator)
    if (!alphanumeric && (i === open || (c !== 0x2b && c !== 0x2f && c !== 0x3d && c !== 0x2d))) return false;
  }
  return true;
}

/** A growing list of 32-bit integers. */
class IntList {
  data = new Int32Array(4096);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Where an entry's `dependencies` and `optionalDependencies` are in the list of dependencies. */
function recordDeps(
  into: IntList,
  dependencies: [number, number],
  optionalDependencies: [number, number],
): void {
  into.push(dependencies[0]);
  into.push(dependencies[1]);
  into.push(optionalDependencies[0]);
  into.push(optionalDependencies[1]);
}

class LineReader {
  /** Where the next line starts, and the number of the last line read. */
  private next = 0;
  private number = 0;
  /**
   * The current line with content (`has` false past the last one): where its content starts (after
   * the indentation), its indentation, where the content ends (before `\r\n` or `\n`), the offset
   * after its newline, and its number.
   */
  private has = false;
  private start = 0;
  private indent = 0;
  private end = 0;
  private after = 0;
  private line = 0;
  /**
   * The current line as `split` reads it: the key (`keyFrom` to `keyTo` in the text, or `keyText`
   * when `keyFrom` is -1), where its `:` is, and the value text, trimmed (`restFrom` to `restTo`,
   * or `restText` when `restFrom` is -1); an empty value for none or a comment.
   */
  private keyFrom = 0;
  private keyTo = 0;
  private keyText = '';
  private colon = 0;
  private restFrom = 0;
  private restTo = 0;
  private restText = '';
  /** A string value read by `scalar`: `valueFrom` to `valueTo`, or `valueText` when `valueFrom` is -1. */
  private valueFrom = 0;
  private valueTo = 0;
  private valueText = '';
  /** Where the member read last ends, as the subset reader counts it. */
  private lastEnd = 0;

  /** `packages`: keys, entries and spans, by number. */
  private readonly packageIndex = new Map<string, number>();
  private readonly packageKeys: string[] = [];
  private readonly packageInfos: PackageEntry[] = [];
  private readonly spans = new IntList();
  private readonly snapshotKeys: string[] = [];
  /**
   * Dependency names and values, four numbers each: from and to of the name, from and to of the
   * value; a `from` below 0 is a string in `strings` (-1 the first) instead.
   */
  private readonly deps = new IntList();
  private readonly strings: string[] = [];
  /** Per `packages` and `snapshots` entry: where its `dependencies` and `optionalDependencies` are in `deps`. */
  private readonly packageDeps = new IntList();
  private readonly snapshotDeps = new IntList();

  constructor(private readonly text: string) {}

  document(): PnpmDocument {
    if (this.text.charCodeAt(0) === 0xfeff) decline();
    this.advance();
    if (!this.has || this.indent !== 0) decline();
    let seen = 0;
    let lockfileVersion: string | undefined;
    let versionLine = 0;
    let importers: ProjectDependencies[] | undefined;
    // The top level is a project too (before `importers`): its maps are read whatever comes next.
    const top: ProjectDependencies = {
      dependencies: NO_PAIRS,
      optionalDependencies: NO_PAIRS,
      devDependencies: NO_PAIRS,
    };
    while (this.has) {
      if (this.indent !== 0) decline();
      this.split();
      const field = this.field();
      if ((seen & field) !== 0) decline();
      seen |= field;
      switch (field) {
        case LOCKFILE_VERSION:
          versionLine = this.line;
          lockfileVersion = this.stringField(0);
          break;
        case IMPORTERS:
          importers = this.importers();
          break;
        case PACKAGES:
          this.packages();
          break;
        case SNAPSHOTS:
          this.readSnapshots();
          break;
        case DEPENDENCIES:
          top.dependencies = this.projectMap(0);
          break;
        case OPTIONAL_DEPENDENCIES:
          top.optionalDependencies = this.projectMap(0);
          break;
        case DEV_DEPENDENCIES:
          top.devDependencies = this.projectMap(0);
          break;
        default:
          this.skipMember(0, 0);
      }
    }
    if (lockfileVersion === undefined) return decline();
    const major = lockfileMajor(lockfileVersion);
    if (!(major >= 5 && major <= 9)) decline();
    return this.result(lockfileVersion, versionLine, importers ?? [top]);
  }

  private result(
    lockfileVersion: string,
    versionLine: number,
    importers: ProjectDependencies[],
  ): PnpmDocument {
    const { text, packageIndex, packageInfos, strings } = this;
    const spans = this.spans.data;
    const deps = this.deps.data;
    const packageDeps = this.packageDeps.data;
    const snapshotDeps = this.snapshotDeps.data;
    const emptyObject = {};
    const part = (at: number): string => {
      const from = deps[at] as number;
      return from >= 0 ? text.slice(from, deps[at + 1]) : (strings[-from - 1] as string);
    };
    return {
      lockfileVersion,
      versionLine,
      importers,
      packageKeys: this.packageKeys,
      packageInfo: (index) => packageInfos[index] as PackageEntry,
      // A key the object does not have finds what objects inherit (`constructor`...), as there.
      packageAt: (key) => {
        const index = packageIndex.get(key);
        return index !== undefined
          ? packageInfos[index]
          : (Reflect.get(Object.prototype, key, emptyObject) as unknown);
      },
      spanAt: (key): EntrySpan | undefined => {
        const index = packageIndex.get(key);
        if (index === undefined) return undefined;
        const at = index * 3;
        return { start: spans[at] as number, end: spans[at + 1] as number, line: spans[at + 2] as number };
      },
      snapshotKeys: this.snapshotKeys,
      dependencies: (section, index, visit) => {
        const ranges = section === 'packages' ? packageDeps : snapshotDeps;
        const at = index * 4;
        for (let k = ranges[at] as number; k < (ranges[at + 1] as number); k++)
          visit(part(k * 4), part(k * 4 + 2), false);
        for (let k = ranges[at + 2] as number; k < (ranges[at + 3] as number); k++)
          visit(part(k * 4), part(k * 4 + 2), true);
      },
    };
  }

  /** Move to the next line with content (blank lines and comments are skipped). */
  private advance(): void {
    const text = this.text;
    const length = text.length;
    let start = this.next;
    while (start < length) {
      const newline = text.indexOf('\n', start);
      const next = newline === -1 ? length : newline + 1;
      const end = newline === -1 ? length : text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      this.number++;
      let at = start;
      while (at < end && text.charCodeAt(at) === 32) at++;
      if (at < end) {
        const c = text.charCodeAt(at);
        if (c === 9) decline();
        if (c !== 35) {
          this.has = true;
          this.start = at;
          this.indent = at - start;
          this.end = end;
          this.after = next;
          this.line = this.number;
          this.next = next;
          return;
        }
      }
      start = next;
    }
    this.next = length;
    this.has = false;
  }

  /** Read the current line as `key: rest` (see `splitKey`, which reads the lines this does not). */
  private split(): void {
    const text = this.text;
    const start = this.start;
    const end = this.end;
    const c = text.charCodeAt(start);
    let colon: number;
    if (c === 0x27) {
      // 'key': without a doubled quote inside
      const close = text.indexOf("'", start + 1);
      if (close === -1 || close >= end || text.charCodeAt(close + 1) !== 0x3a) return this.splitGeneral();
      colon = close + 1;
      if (colon - start > 1024) decline();
      this.keyFrom = start + 1;
      this.keyTo = close;
    } else if (c === 0x22) {
      return this.splitGeneral();
    } else {
      if (startsWithIndicator(text, start, end)) decline();
      colon = -1;
      for (let i = start; i + 1 < end; i++) {
        if (text.charCodeAt(i) === 0x3a && text.charCodeAt(i + 1) === 0x20) {
          colon = i;
          break;
        }
      }
      if (colon === -1 && text.charCodeAt(end - 1) === 0x3a) colon = end - 1;
      if (colon <= start || colon - start > 1024) decline();
      // No ` #` in the key, and no white space at its end.
      for (let i = start + 1; i < colon; i++)
        if (text.charCodeAt(i) === 0x23 && text.charCodeAt(i - 1) === 0x20) decline();
      if (!isPlainChar(text.charCodeAt(colon - 1))) {
        const key = text.slice(start, colon);
        if (key !== key.trimEnd()) decline();
      }
      this.keyFrom = start;
      this.keyTo = colon;
    }
    this.colon = colon;
    // The value's text, trimmed: spaces here, any other white space by `trim`.
    let from = colon + 1;
    let to = end;
    while (from < to && text.charCodeAt(from) === 0x20) from++;
    while (to > from && text.charCodeAt(to - 1) === 0x20) to--;
    if (from === to || (isPlainChar(text.charCodeAt(from)) && isPlainChar(text.charCodeAt(to - 1)))) {
      this.restFrom = text.charCodeAt(from) === 0x23 ? to : from;
      this.restTo = to;
    } else {
      const rest = text.slice(from, to).trim();
      this.restFrom = -1;
      this.restText = rest.charCodeAt(0) === 0x23 ? '' : rest;
    }
  }

  private splitGeneral(): void {
    const { key, rest, keyEnd } = splitKey(this.text.slice(this.start, this.end));
    this.keyFrom = -1;
    this.keyText = key;
    this.colon = this.start + keyEnd;
    this.restFrom = -1;
    this.restText = rest;
  }

  private key(): string {
    return this.keyFrom >= 0 ? this.text.slice(this.keyFrom, this.keyTo) : this.keyText;
  }

  /** The current key's flag when it names a member read (see `FIELDS`), else 0. */
  private field(): number {
    if (this.keyFrom < 0) {
      for (const [name, flag] of FIELDS) if (this.keyText === name) return flag;
      return 0;
    }
    const { text, keyFrom } = this;
    const length = this.keyTo - keyFrom;
    for (const [name, flag] of FIELDS)
      if (name.length === length && text.startsWith(name, keyFrom)) return flag;
    return 0;
  }

  private isRestEmpty(): boolean {
    return this.restFrom >= 0 ? this.restFrom === this.restTo : this.restText === '';
  }

  private rest(): string {
    return this.restFrom >= 0 ? this.text.slice(this.restFrom, this.restTo) : this.restText;
  }

  private isRest(value: string): boolean {
    return this.restFrom >= 0
      ? this.restTo - this.restFrom === value.length && this.text.startsWith(value, this.restFrom)
      : this.restText === value;
  }

  /**
   * The current (non-empty) value as a string, as the subset reader reads it (`valueFrom` to
   * `valueTo`, or `valueText`); a collection declines.
   */
  private scalar(): void {
    const { text, restFrom: from, restTo: to } = this;
    if (from >= 0) {
      const c = text.charCodeAt(from);
      if (c === 0x27) {
        if (text.indexOf("'", from + 1) === to - 1) {
          this.valueFrom = from + 1;
          this.valueTo = to - 1;
          return;
        }
      } else if (c !== 0x22 && c !== 0x7b && c !== 0x5b) {
        if (!isPlainScalar(text, from, to)) decline();
        this.valueFrom = from;
        this.valueTo = to;
        return;
      }
    }
    const value = inlineValue(this.rest());
    if (typeof value !== 'string') decline();
    this.valueFrom = -1;
    this.valueText = value as string;
  }

  private value(): string {
    return this.valueFrom >= 0 ? this.text.slice(this.valueFrom, this.valueTo) : this.valueText;
  }

  /**
   * Move past the current member's key line (read by `split`, at `indent`): true when a nested block
   * follows (the member's value), false when the value is on the line or empty.
   */
  private enter(indent: number): boolean {
    const empty = this.isRestEmpty();
    this.advance();
    if (!this.has || this.indent <= indent) return false;
    if (!empty) decline(); // a value on several lines
    return true;
  }

  /** Whether the current line is a sequence item (`- x`, or a bare `-`). */
  private isSequenceItem(): boolean {
    const text = this.text;
    const start = this.start;
    return text.charCodeAt(start) === 0x2d && (start + 1 === this.end || text.charCodeAt(start + 1) === 0x20);
  }

  /** A member whose value is not read, checked as the subset reader reads it; sets and returns its end. */
  private skipMember(indent: number, depth: number): number {
    const { colon, after } = this;
    const rest = this.rest();
    if (this.enter(indent)) this.lastEnd = this.skipBlock(depth + 1);
    else if (rest === '') this.lastEnd = colon + 1;
    else {
      inlineValue(rest);
      this.lastEnd = after;
    }
    return this.lastEnd;
  }

  /** A block node (mapping or sequence) starting at the current line; returns where it ends. */
  private skipBlock(depth: number): number {
    if (depth > MAX_DEPTH) decline();
    const indent = this.indent;
    let end = 0;
    if (this.isSequenceItem()) {
      const text = this.text;
      while (this.has && this.indent >= indent) {
        if (this.indent > indent || !this.isSequenceItem() || this.start + 1 === this.end) decline();
        const item = text.slice(this.start + 2, this.end).trim();
        if (item === '') decline();
        inlineValue(item);
        end = this.after;
        this.advance();
      }
      return end;
    }
    while (this.has && this.indent >= indent) {
      if (this.indent > indent) decline();
      this.split();
      end = this.skipMember(indent, depth);
    }
    return end;
  }

  /** The current member's value as a string field ('' when empty); sets `lastEnd`. */
  private stringField(indent: number): string {
    const { colon, after } = this;
    const empty = this.isRestEmpty();
    if (!empty) this.scalar();
    if (this.enter(indent)) return decline();
    if (empty) {
      this.lastEnd = colon + 1;
      return '';
    }
    this.lastEnd = after;
    return this.value();
  }

  /**
   * The current member's value as a keyed map: true with the current line at its first member, false
   * when it is empty ('' or `{}`, `lastEnd` set). Anything else declines.
   */
  private enterMap(indent: number): boolean {
    const { colon, after } = this;
    const empty = this.isRestEmpty();
    const flowEmpty = !empty && this.isRest('{}');
    if (this.enter(indent)) {
      if (this.isSequenceItem()) decline();
      return true;
    }
    if (empty) this.lastEnd = colon + 1;
    else if (flowEmpty) this.lastEnd = after;
    else decline();
    return false;
  }

  /** `importers`: each project's dependency maps. */
  private importers(): ProjectDependencies[] {
    const projects: ProjectDependencies[] = [];
    if (!this.enterMap(0)) return projects;
    const indent = this.indent;
    const paths = new Set<string>();
    while (this.has && this.indent >= indent) {
      if (this.indent > indent) decline();
      this.split();
      const path = this.key();
      if (path === '__proto__' || paths.has(path)) decline();
      paths.add(path);
      projects.push(this.project(indent));
    }
    return projects;
  }

  private project(indent: number): ProjectDependencies {
    const project: ProjectDependencies = {
      dependencies: NO_PAIRS,
      optionalDependencies: NO_PAIRS,
      devDependencies: NO_PAIRS,
    };
    if (!this.enterMap(indent)) return project;
    const fieldIndent = this.indent;
    let seen = 0;
    while (this.has && this.indent >= fieldIndent) {
      if (this.indent > fieldIndent) decline();
      this.split();
      const field = this.field();
      if (field !== DEPENDENCIES && field !== OPTIONAL_DEPENDENCIES && field !== DEV_DEPENDENCIES) {
        this.skipMember(fieldIndent, 2);
        continue;
      }
      if ((seen & field) !== 0) decline();
      seen |= field;
      const pairs = this.projectMap(fieldIndent);
      if (field === DEPENDENCIES) project.dependencies = pairs;
      else if (field === OPTIONAL_DEPENDENCIES) project.optionalDependencies = pairs;
      else project.devDependencies = pairs;
    }
    return project;
  }

  /** A project's dependency map: names to a version, or to `{specifier, version}`. */
  private projectMap(indent: number): Pairs {
    if (!this.enterMap(indent)) return NO_PAIRS;
    const depIndent = this.indent;
    const names: string[] = [];
    const values: string[] = [];
    const seen = new Set<string>();
    while (this.has && this.indent >= depIndent) {
      if (this.indent > depIndent) decline();
      this.split();
      const name = this.key();
      if (name === '__proto__' || seen.has(name)) decline();
      seen.add(name);
      names.push(name);
      const empty = this.isRestEmpty();
      const flow = !empty && this.isRestFlowMapping();
      const rest = flow ? this.rest() : '';
      if (!empty && !flow) this.scalar();
      if (this.enter(depIndent)) {
        values.push(this.specVersion());
      } else if (empty) {
        values.push('');
      } else if (flow) {
        const spec = inlineValue(rest);
        const version = isPlainObject(spec) ? spec['version'] : undefined;
        values.push(typeof version === 'string' ? version : decline());
      } else {
        values.push(this.value());
      }
    }
    return { names, values };
  }

  private isRestFlowMapping(): boolean {
    return this.restFrom >= 0 ? this.text.charCodeAt(this.restFrom) === 0x7b : this.restText.startsWith('{');
  }

  /** The `version` of a project dependency written as a block `{specifier, version}`. */
  private specVersion(): string {
    if (this.isSequenceItem()) decline();
    const indent = this.indent;
    let version: string | undefined;
    while (this.has && this.indent >= indent) {
      if (this.indent > indent) decline();
      this.split();
      if (this.field() === VERSION) {
        if (version !== undefined) decline();
        version = this.stringField(indent);
      } else {
        this.skipMember(indent, 4);
      }
    }
    return version ?? decline();
  }

  /** `packages`: each entry, with where it starts and ends. */
  private packages(): void {
    if (!this.enterMap(0)) return;
    const text = this.text;
    const indent = this.indent;
    const { packageIndex, packageKeys, packageInfos, spans, packageDeps } = this;
    while (this.has && this.indent >= indent) {
      if (this.indent > indent) decline();
      this.split();
      const key = this.key();
      if (isArrayIndex(key) || key === '__proto__' || packageIndex.has(key)) decline();
      const { start, line, end: contentEnd } = this;
      const empty = this.isRestEmpty();
      let end: number;
      packageIndex.set(key, packageKeys.length);
      packageKeys.push(key);
      if (this.enterMap(indent)) {
        packageInfos.push(this.packageEntry());
        end = this.lastEnd;
      } else {
        packageInfos.push(NO_INFO);
        for (let k = 0; k < 4; k++) packageDeps.push(0);
        // A bare key ends after its `:`; a `{}` value at the end of its text.
        end = empty ? this.lastEnd : start + text.slice(start, contentEnd).trimEnd().length;
      }
      spans.push(start);
      spans.push(end);
      spans.push(line);
    }
  }

  /** A `packages` entry, whose fields start at the current line: its info; sets `lastEnd`. */
  private packageEntry(): PackageEntry {
    const indent = this.indent;
    let seen = 0;
    let info: PackageEntry | undefined;
    let dependencies: [number, number] = [0, 0];
    let optionalDependencies: [number, number] = [0, 0];
    let end = 0;
    while (this.has && this.indent >= indent) {
      if (this.indent > indent) decline();
      this.split();
      const field = this.field();
      if (field === 0 || field > OPTIONAL_DEPENDENCIES) {
        end = this.skipMember(indent, 2);
        continue;
      }
      if ((seen & field) !== 0) decline();
      seen |= field;
      switch (field) {
        case DEPENDENCIES:
          dependencies = this.dependencyMap(indent);
          break;
        case OPTIONAL_DEPENDENCIES:
          optionalDependencies = this.dependencyMap(indent);
          break;
        case RESOLUTION: {
          const resolution = this.resolution(indent);
          if (resolution !== undefined) (info ??= {}).resolution = resolution;
          break;
        }
        case NAME:
          (info ??= {}).name = this.stringField(indent);
          break;
        case VERSION:
          (info ??= {}).version = this.stringField(indent);
          break;
        case DEV:
          (info ??= {}).dev = this.stringField(indent);
          break;
        default:
          (info ??= {}).optional = this.stringField(indent);
      }
      end = this.lastEnd;
    }
    recordDeps(this.packageDeps, dependencies, optionalDependencies);
    this.lastEnd = end;
    return info ?? NO_INFO;
  }

  /** `resolution`: the commit and tarball it gives (undefined for neither); sets `lastEnd`. */
  private resolution(indent: number): PackageEntry['resolution'] {
    const { after, restFrom, restTo } = this;
    const rest = restFrom >= 0 && isIntegrityOnly(this.text, restFrom, restTo) ? undefined : this.rest();
    if (this.enter(indent) || rest === '') return decline();
    this.lastEnd = after;
    if (rest === undefined) return undefined;
    const value = inlineValue(rest);
    if (!isPlainObject(value)) return decline();
    const resolution: NonNullable<PackageEntry['resolution']> = {};
    for (const field of ['commit', 'tarball', 'repo'] as const) {
      const v = value[field];
      if (v === undefined) continue;
      if (typeof v !== 'string') return decline();
      resolution[field] = v;
    }
    return resolution;
  }

  /**
   * `dependencies` / `optionalDependencies` of an entry (names to strings), added to `deps`: the
   * numbers of the first and after the last; sets `lastEnd`.
   */
  private dependencyMap(indent: number): [number, number] {
    if (!this.enterMap(indent)) return [0, 0];
    const { text, deps, strings } = this;
    const first = deps.length / 4;
    const depIndent = this.indent;
    let end = 0;
    while (this.has && this.indent >= depIndent) {
      if (this.indent > depIndent) decline();
      this.split();
      if (this.keyFrom >= 0) {
        deps.push(this.keyFrom);
        deps.push(this.keyTo);
      } else {
        deps.push(-strings.push(this.keyText));
        deps.push(0);
      }
      const { colon, after } = this;
      const empty = this.isRestEmpty();
      if (!empty) this.scalar();
      if (this.enter(depIndent)) decline(); // a nested value is not a string
      if (empty) {
        deps.push(-strings.push(''));
        deps.push(0);
        end = colon + 1;
      } else {
        if (this.valueFrom >= 0) {
          deps.push(this.valueFrom);
          deps.push(this.valueTo);
        } else {
          deps.push(-strings.push(this.valueText));
          deps.push(0);
        }
        end = after;
      }
    }
    this.lastEnd = end;
    const count = deps.length / 4 - first;
    // Each name once (an object keeps a name's last value): a name given twice declines.
    const data = deps.data;
    const nameOf = (k: number): string => {
      const from = data[k * 4] as number;
      return from >= 0 ? text.slice(from, data[k * 4 + 1]) : (strings[-from - 1] as string);
    };
    if (count > 16) {
      const names = new Set<string>();
      for (let k = first; k < first + count; k++) names.add(nameOf(k));
      if (names.size !== count || names.has('__proto__')) decline();
    } else {
      for (let k = first; k < first + count; k++) {
        const from = data[k * 4] as number;
        const to = data[k * 4 + 1] as number;
        if (from < 0 || (to - from === 9 && text.startsWith('__proto__', from))) {
          if (nameOf(k) === '__proto__') decline();
        }
        for (let j = first; j < k; j++) if (this.sameName(j, k, nameOf)) decline();
      }
    }
    return [first, first + count];
  }

  /** Whether dependencies `j` and `k` have the same name. */
  private sameName(j: number, k: number, nameOf: (k: number) => string): boolean {
    const data = this.deps.data;
    const a = data[j * 4] as number;
    const b = data[k * 4] as number;
    if (a < 0 || b < 0) return nameOf(j) === nameOf(k);
    const length = (data[j * 4 + 1] as number) - a;
    if ((data[k * 4 + 1] as number) - b !== length) return false;
    const text = this.text;
    for (let i = 0; i < length; i++) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
    return true;
  }

  /** `snapshots` (v9): each entry's dependencies. */
  private readSnapshots(): void {
    if (!this.enterMap(0)) return;
    const indent = this.indent;
    const { snapshotKeys, packageIndex, packageKeys, snapshotDeps } = this;
    // Keys seen: those of packages by the package's number, the others in a set.
    const seenPackages = new Uint8Array(packageKeys.length);
    const seenOthers = new Set<string>();
    while (this.has && this.indent >= indent) {
      if (this.indent > indent) decline();
      this.split();
      const key = this.key();
      if (isArrayIndex(key) || key === '__proto__') decline();
      // The key of the package of the same name, when there is one: one string for both.
      const known = packageIndex.get(key);
      if (known === undefined) {
        if (seenOthers.has(key)) decline();
        seenOthers.add(key);
        snapshotKeys.push(key);
      } else {
        if (seenPackages[known] === 1) decline();
        seenPackages[known] = 1;
        snapshotKeys.push(packageKeys[known] as string);
      }
      if (this.enterMap(indent)) this.snapshotEntry();
      else for (let k = 0; k < 4; k++) snapshotDeps.push(0);
    }
  }

  private snapshotEntry(): void {
    const indent = this.indent;
    let seen = 0;
    let dependencies: [number, number] = [0, 0];
    let optionalDependencies: [number, number] = [0, 0];
    while (this.has && this.indent >= indent) {
      if (this.indent > indent) decline();
      this.split();
      const field = this.field();
      if (field !== OPTIONAL && field !== DEPENDENCIES && field !== OPTIONAL_DEPENDENCIES) {
        this.skipMember(indent, 2);
        continue;
      }
      if ((seen & field) !== 0) decline();
      seen |= field;
      if (field === DEPENDENCIES) dependencies = this.dependencyMap(indent);
      else if (field === OPTIONAL_DEPENDENCIES) optionalDependencies = this.dependencyMap(indent);
      else this.stringField(indent);
    }
    recordDeps(this.snapshotDeps, dependencies, optionalDependencies);
  }
}
