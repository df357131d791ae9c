/**
 * A JSON reader that remembers where each object and array came from, so that an extractor can point a
 * finding at the entry that declared a package. With `jsonc`, it also accepts what `bun.lock` allows
 * on top of JSON: `//` and `/* *\/` comments and trailing commas.
 *
 * Values are plain objects, arrays, strings, numbers, booleans and null, as `JSON.parse` returns them
 * (a `__proto__` key becomes an own property, as there).
 */
import { ExtractError, lineAt } from '../../model.js';
import { KEYED_MAPS, keyedMap } from './shared.js';

/** UTF-16 offsets of a value in the text; for an object member, from its key to the end of its value. */
export interface Span {
  start: number;
  end: number;
}

export interface ParsedJson {
  value: unknown;
  /** Span of an object or array that came out of this parse. */
  spanOf(value: object): Span | undefined;
}

export interface JsonOptions {
  /** Allow comments and trailing commas. */
  jsonc?: boolean;
}

/** Deeper than any lockfile nests; refusing it keeps hostile input from overflowing the stack. */
const MAX_DEPTH = 500;

export function parseJsonWithSpans(text: string, what: string, options: JsonOptions = {}): ParsedJson {
  const reader = new Reader(text, what, options.jsonc === true);
  // A byte order mark is not JSON, but editors write one.
  if (text.charCodeAt(0) === 0xfeff) reader.pos = 1;
  reader.skipSpace();
  if (reader.pos >= text.length) reader.fail('the file is empty');
  const value = reader.value(0, reader.pos);
  reader.skipSpace();
  if (reader.pos < text.length) reader.fail(`unexpected ${reader.describe()} after the end of the document`);
  const spans = reader.spans;
  return { value, spanOf: (v) => spans.get(v) };
}

class Reader {
  pos = 0;
  readonly spans = new WeakMap<object, Span>();

  constructor(
    readonly text: string,
    readonly what: string,
    readonly jsonc: boolean,
  ) {}

  fail(message: string, at = this.pos): never {
    throw new ExtractError(`invalid JSON in ${this.what}: ${message}`, lineAt(this.text, at));
  }

  describe(): string {
    if (this.pos >= this.text.length) return 'end of file';
    return `character ${JSON.stringify(this.text[this.pos])}`;
  }

  skipSpace(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        this.pos++;
      } else if (c === 0x2f && this.jsonc) {
        const next = text.charCodeAt(this.pos + 1);
        if (next === 0x2f) {
          const eol = text.indexOf('\n', this.pos + 2);
          this.pos = eol === -1 ? text.length : eol + 1;
        } else if (next === 0x2a) {
          const close = text.indexOf('*/', this.pos + 2);
          if (close === -1) this.fail('unterminated comment');
          this.pos = close + 2;
        } else {
          return;
        }
      } else {
        return;
      }
    }
  }

  /**
   * A value at `this.pos` (space already skipped); `start` is where its span begins, `key` the member
   * name it is the value of.
   */
  value(depth: number, start: number, key?: string): unknown {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b) return this.object(depth + 1, start, key !== undefined && KEYED_MAPS.has(key));
    if (c === 0x5b) return this.array(depth + 1, start);
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (this.text.startsWith('true', this.pos)) return this.literal('true', true);
    if (this.text.startsWith('false', this.pos)) return this.literal('false', false);
    if (this.text.startsWith('null', this.pos)) return this.literal('null', null);
    return this.fail(`unexpected ${this.describe()}`);
  }

  literal<T>(word: string, result: T): T {
    this.pos += word.length;
    return result;
  }

  object(depth: number, start: number, keyed: boolean): Record<string, unknown> {
    if (depth > MAX_DEPTH) this.fail('nesting is too deep');
    const result: Record<string, unknown> = keyed ? keyedMap() : {};
    this.pos++; // {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      this.spans.set(result, { start, end: this.pos });
      return result;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 0x22)
        this.fail(`expected a property name, found ${this.describe()}`);
      const keyStart = this.pos;
      const key = this.string();
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 0x3a)
        this.fail(`expected ':' after a property name, found ${this.describe()}`);
      this.pos++;
      this.skipSpace();
      const member = this.value(depth, keyStart, key);
      if (key === '__proto__') {
        Object.defineProperty(result, key, {
          value: member,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else {
        result[key] = member;
      }
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        this.skipSpace();
        if (this.jsonc && this.text.charCodeAt(this.pos) === 0x7d) {
          this.pos++;
          break;
        }
      } else if (c === 0x7d) {
        this.pos++;
        break;
      } else {
        this.fail(`expected ',' or '}' in an object, found ${this.describe()}`);
      }
    }
    this.spans.set(result, { start, end: this.pos });
    return result;
  }

  array(depth: number, start: number): unknown[] {
    if (depth > MAX_DEPTH) this.fail('nesting is too deep');
    const result: unknown[] = [];
    this.pos++; // [
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      this.spans.set(result, { start, end: this.pos });
      return result;
    }
    for (;;) {
      result.push(this.value(depth, this.pos));
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x2c) {
        this.pos++;
        this.skipSpace();
        if (this.jsonc && this.text.charCodeAt(this.pos) === 0x5d) {
          this.pos++;
          break;
        }
      } else if (c === 0x5d) {
        this.pos++;
        break;
      } else {
        this.fail(`expected ',' or ']' in an array, found ${this.describe()}`);
      }
    }
    this.spans.set(result, { start, end: this.pos });
    return result;
  }

  string(): string {
    const text = this.text;
    const open = this.pos;
    let from = open + 1;
    let out = '';
    for (;;) {
      const quote = text.indexOf('"', from);
      if (quote === -1) this.fail('unterminated string', open);
      let backslash = from;
      while (backslash < quote && text.charCodeAt(backslash) !== 0x5c) backslash++;
      if (backslash === quote) {
        out += text.slice(from, quote);
        this.pos = quote + 1;
        break;
      }
      out += text.slice(from, backslash);
      const escape = text[backslash + 1];
      from = backslash + 2;
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out += escape;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = text.slice(from, from + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape in a string', backslash);
          out += String.fromCharCode(parseInt(hex, 16));
          from += 4;
          break;
        }
        default:
          this.fail('invalid escape in a string', backslash);
      }
    }
    // A raw line break cannot be inside a JSON string: the closing quote is missing.
    if (out.includes('\n') && text.slice(open, this.pos).includes('\n'))
      this.fail('unterminated string', open);
    return out;
  }

  number(): number {
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
    if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(literal))
      this.fail(`invalid number ${literal}`);
    this.pos = end;
    return Number(literal);
  }
}

/** Line of the first `"key"` in the text, for errors about a top-level field. */
export function lineOfKey(text: string, key: string): number | undefined {
  const at = text.indexOf(JSON.stringify(key));
  return at === -1 ? undefined : lineAt(text, at);
}
