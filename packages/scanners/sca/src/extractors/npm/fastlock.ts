/**
 * A fast reader for the common `package-lock.json`: lockfileVersion 2 or 3, with `packages`. One pass
 * over the text checks the JSON syntax and reads only what the extractor uses, without building the
 * document: building it costs a hidden class per distinct set of keys, and every package's
 * `dependencies` map has its own (a 50,000-package lockfile takes several times longer to build than
 * to read).
 *
 * It accepts a subset of what the general reader (`parseJsonWithSpans` and the schema) accepts, and
 * returns the same entries for it. For anything else (invalid JSON, a field of the wrong type, a
 * lockfileVersion 1 file, escapes it cannot decode, duplicate keys, nesting deeper than the general
 * reader allows) it returns undefined, and the caller reads the file the general way, which also
 * words the errors.
 */

/** One `packages` entry, as the extractor reads it. */
export interface LockEntry {
  /** The member's key: an install path, a workspace path, or '' for the project. */
  path: string;
  /** Offsets of the member, from its key to the end of its value. */
  start?: number;
  end?: number;
  name?: string;
  version?: string;
  resolved?: string | boolean;
  link?: boolean;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  /** The `license` field when it is a string. */
  license?: string;
  /** Names in `dependencies`, `optionalDependencies` and `peerDependencies`. */
  dependencies: string[];
  /** Names in `devDependencies`. */
  devDependencies: string[];
  /** The `workspaces` globs (the array, or its `packages`). */
  workspaces?: string[];
}

/** As in the general reader: deeper nesting is refused there, so it is not read here. */
const MAX_DEPTH = 500;

/** Thrown inside the reader when the general reader must decide. */
class Unusual extends Error {}

const unusual = (): never => {
  throw new Unusual();
};

/** The `packages` entries in document order, or undefined when the general reader must read the file. */
export function readPackageLockFast(text: string): LockEntry[] | undefined {
  try {
    return new FastReader(text).document();
  } catch (error) {
    if (error instanceof Unusual) return undefined;
    throw error;
  }
}

/**
 * A flag per field the extractor reads, to refuse a field given twice (the general reader keeps the
 * last one); 0 for other fields. A switch rather than an object lookup: keys read from the text are
 * new strings, which an object lookup must first intern.
 */
function fieldBit(key: string): number {
  switch (key) {
    case 'name':
      return 1;
    case 'version':
      return 2;
    case 'resolved':
      return 4;
    case 'link':
      return 8;
    case 'dev':
      return 16;
    case 'optional':
      return 32;
    case 'devOptional':
      return 64;
    case 'peer':
      return 128;
    case 'inBundle':
      return 256;
    case 'license':
      return 512;
    case 'dependencies':
      return 1024;
    case 'optionalDependencies':
      return 2048;
    case 'peerDependencies':
      return 4096;
    case 'devDependencies':
      return 8192;
    case 'workspaces':
      return 16384;
    default:
      return 0;
  }
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

class FastReader {
  private pos = 0;
  /** The next backslash at or after the string being read (Infinity when none), kept linear. */
  private nextBackslash = -1;
  private nextNewline = -1;

  constructor(private readonly text: string) {}

  document(): LockEntry[] {
    const text = this.text;
    this.space();
    if (text.charCodeAt(this.pos) !== 0x7b) return unusual();
    let entries: LockEntry[] | undefined;
    let version: number | undefined;
    let seenVersion = false;
    this.pos++;
    this.space();
    if (text.charCodeAt(this.pos) !== 0x7d) {
      for (;;) {
        const key = this.key();
        if (key === 'packages') {
          if (entries !== undefined || text.charCodeAt(this.pos) !== 0x7b) return unusual();
          entries = this.packages();
        } else if (key === 'lockfileVersion') {
          if (seenVersion) return unusual();
          seenVersion = true;
          const c = text.charCodeAt(this.pos);
          if (c !== 0x2d && !(c >= 0x30 && c <= 0x39)) return unusual();
          version = this.number();
          if (!Number.isInteger(version)) return unusual();
        } else {
          this.skip(1);
        }
        if (this.next(0x7d)) break;
      }
    }
    this.pos++;
    this.space();
    if (this.pos !== text.length || entries === undefined) return unusual();
    if (version !== undefined && (version < 1 || version > 3)) return unusual();
    return entries;
  }

  /** `packages`: install paths to entries. */
  private packages(): LockEntry[] {
    const text = this.text;
    const entries: LockEntry[] = [];
    const seen = new Set<string>();
    this.pos++;
    this.space();
    if (text.charCodeAt(this.pos) !== 0x7d) {
      for (;;) {
        const start = this.pos;
        const path = this.key();
        // Integer-like keys come first in an object's key order, whatever their place in the file.
        const first = path.charCodeAt(0);
        if (first >= 0x30 && first <= 0x39) return unusual();
        if (seen.has(path)) return unusual();
        seen.add(path);
        if (text.charCodeAt(this.pos) !== 0x7b) return unusual();
        entries.push(this.entry(path, start));
        if (this.next(0x7d)) break;
      }
    }
    this.pos++;
    return entries;
  }

  private entry(path: string, start: number): LockEntry {
    const text = this.text;
    const entry: LockEntry = { path, start, dependencies: [], devDependencies: [] };
    let seen = 0;
    this.pos++;
    this.space();
    if (text.charCodeAt(this.pos) !== 0x7d) {
      for (;;) {
        const key = this.key();
        const bit = fieldBit(key);
        if (bit === 0) {
          this.skip(3);
          if (this.next(0x7d)) break;
          continue;
        }
        if ((seen & bit) !== 0) return unusual();
        seen |= bit;
        const c = text.charCodeAt(this.pos);
        switch (key) {
          case 'name':
          case 'version':
            if (c !== 0x22) return unusual();
            entry[key] = this.string();
            break;
          case 'resolved':
            entry.resolved = c === 0x22 ? this.string() : this.boolean();
            break;
          case 'link':
          case 'dev':
          case 'optional':
          case 'devOptional':
          case 'peer':
            entry[key] = this.boolean();
            break;
          case 'inBundle':
            this.boolean();
            break;
          case 'license':
            if (c === 0x22) entry.license = this.string();
            else this.skip(3);
            break;
          case 'dependencies':
          case 'optionalDependencies':
          case 'peerDependencies':
            this.names(entry.dependencies);
            break;
          case 'devDependencies':
            this.names(entry.devDependencies);
            break;
          case 'workspaces':
            entry.workspaces = this.workspaces();
            break;
          default:
            this.skip(3);
        }
        if (this.next(0x7d)) break;
      }
    }
    this.pos++;
    entry.end = this.pos;
    return entry;
  }

  /** A dependency map: its names, each with a string value. */
  private names(into: string[]): void {
    const text = this.text;
    if (text.charCodeAt(this.pos) !== 0x7b) return unusual();
    this.pos++;
    this.space();
    if (text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return;
    }
    for (;;) {
      into.push(this.key());
      if (text.charCodeAt(this.pos) !== 0x22) return unusual();
      this.skipString();
      if (this.next(0x7d)) break;
    }
    this.pos++;
  }

  /** `workspaces`: an array of globs, or an object whose `packages` is one. */
  private workspaces(): string[] {
    const text = this.text;
    if (text.charCodeAt(this.pos) === 0x5b) return this.strings();
    if (text.charCodeAt(this.pos) !== 0x7b) return unusual();
    let patterns: string[] | undefined;
    this.pos++;
    this.space();
    if (text.charCodeAt(this.pos) !== 0x7d) {
      for (;;) {
        const key = this.key();
        if (key === 'packages') {
          if (patterns !== undefined || text.charCodeAt(this.pos) !== 0x5b) return unusual();
          patterns = this.strings();
        } else {
          this.skip(4);
        }
        if (this.next(0x7d)) break;
      }
    }
    this.pos++;
    return patterns ?? [];
  }

  /** An array of strings. */
  private strings(): string[] {
    const text = this.text;
    const out: string[] = [];
    this.pos++;
    this.space();
    if (text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      if (text.charCodeAt(this.pos) !== 0x22) return unusual();
      out.push(this.string());
      if (this.next(0x5d)) break;
    }
    this.pos++;
    return out;
  }

  /** A member name and its colon, leaving `pos` at the value. */
  private key(): string {
    if (this.text.charCodeAt(this.pos) !== 0x22) return unusual();
    const key = this.string();
    this.space();
    if (this.text.charCodeAt(this.pos) !== 0x3a) return unusual();
    this.pos++;
    this.space();
    return key;
  }

  /**
   * After a member or an element: `,` (true when `close` follows instead, with `pos` at it). Leaves
   * `pos` at the next member or at the closing bracket.
   */
  private next(close: number): boolean {
    this.space();
    const c = this.text.charCodeAt(this.pos);
    if (c === close) return true;
    if (c !== 0x2c) return unusual();
    this.pos++;
    this.space();
    return false;
  }

  /** Any value, checked but not built, at nesting depth `depth` (the top-level object is 1). */
  private skip(depth: number): void {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (c === 0x22) {
      this.skipString();
    } else if (c === 0x7b || c === 0x5b) {
      if (depth + 1 > MAX_DEPTH) return unusual();
      const close = c === 0x7b ? 0x7d : 0x5d;
      this.pos++;
      this.space();
      if (text.charCodeAt(this.pos) !== close) {
        for (;;) {
          if (c === 0x7b) this.key();
          this.skip(depth + 1);
          if (this.next(close)) break;
        }
      }
      this.pos++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      this.number();
    } else if (text.startsWith('null', this.pos)) {
      this.pos += 4;
    } else {
      this.boolean();
    }
  }

  private boolean(): boolean {
    if (this.text.startsWith('true', this.pos)) {
      this.pos += 4;
      return true;
    }
    if (this.text.startsWith('false', this.pos)) {
      this.pos += 5;
      return false;
    }
    return unusual();
  }

  private number(): number {
    const text = this.text;
    const start = this.pos;
    let end = start;
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      const numeric =
        (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
      if (!numeric) break;
    }
    const literal = text.slice(start, end);
    if (!NUMBER.test(literal)) return unusual();
    this.pos = end;
    return Number(literal);
  }

  /** The string at `pos` (a `"`), decoded; leaves `pos` after it. */
  private string(): string {
    const open = this.pos;
    const close = this.close(open);
    return close < 0 ? this.escaped(open, -close) : this.text.slice(open + 1, close);
  }

  private skipString(): void {
    const open = this.pos;
    const close = this.close(open);
    if (close < 0) this.escaped(open, -close);
  }

  /**
   * Where the string opened at `open` closes, with `pos` after it; negated when it holds a backslash.
   * A raw line break inside a string is refused, as the general reader refuses it.
   */
  private close(open: number): number {
    const text = this.text;
    const quote = text.indexOf('"', open + 1);
    if (quote === -1) return unusual();
    if (this.nextNewline < open && this.nextNewline !== Infinity) {
      const newline = text.indexOf('\n', open);
      this.nextNewline = newline === -1 ? Infinity : newline;
    }
    if (this.nextBackslash < open && this.nextBackslash !== Infinity) {
      const backslash = text.indexOf('\\', open);
      this.nextBackslash = backslash === -1 ? Infinity : backslash;
    }
    if (this.nextBackslash < quote) {
      // Escapes: the closing quote is the first one not escaped.
      let end = quote;
      for (;;) {
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
        if (end === -1) return unusual();
      }
      if (this.nextNewline < end) return unusual();
      this.pos = end + 1;
      return -end;
    }
    if (this.nextNewline < quote) return unusual();
    this.pos = quote + 1;
    return quote;
  }

  /** A string with escapes, decoded as JSON decodes it (anything JSON.parse refuses is left to the general reader). */
  private escaped(open: number, close: number): string {
    let value: unknown;
    try {
      value = JSON.parse(this.text.slice(open, close + 1));
    } catch {
      return unusual();
    }
    return typeof value === 'string' ? value : unusual();
  }

  private space(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }
}
