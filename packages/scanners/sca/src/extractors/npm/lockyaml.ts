/**
 * YAML lockfiles (`pnpm-lock.yaml`, Berry `yarn.lock`) read as failsafe YAML: every scalar a string, an
 * empty value `''`, mappings as plain objects, sequences as arrays.
 *
 * Package managers write these files in a small, regular subset of YAML: block mappings indented by
 * spaces, one `key: value` per line, quoted or plain scalars, one-line flow collections (`{a: b}`,
 * `[x, y]`) and sequences of scalars. `yaml` reads any YAML but at about a megabyte a second, and a
 * large monorepo's lockfile runs to tens of megabytes, so that subset is read here directly. On
 * anything outside it (anchors, tags, block scalars, multi-line values, tabs, odd indentation) the
 * file goes to `yaml` instead, which also words the errors for files that are not valid YAML.
 */
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { ExtractError } from '../../model.js';
import { KEYED_MAPS, keyedMap, setOwn } from './shared.js';

export interface EntrySpan {
  start: number;
  end: number;
  /** 1-based line of `start`. */
  line: number;
}

export interface LockYaml {
  /** The document; null when it holds nothing but comments. */
  data: unknown;
  /** Where each entry of the top-level mapping (no argument) or of one of its mappings starts and ends. */
  spans(section?: string): Map<string, EntrySpan>;
}

export function readLockYaml(text: string): LockYaml {
  return readSubset(text) ?? readWithLibrary(text);
}

/** The general YAML reader; exported for tests comparing it with the subset reader. */
export function readWithLibrary(text: string): LockYaml {
  const lineCounter = new LineCounter();
  // uniqueKeys: checking them is quadratic in yaml 2 (minutes for a large lockfile); the last wins.
  let doc: ReturnType<typeof parseDocument>;
  let data: unknown;
  try {
    doc = parseDocument(text, { schema: 'failsafe', lineCounter, prettyErrors: false, uniqueKeys: false });
    data = doc.errors.length === 0 && doc.contents !== null ? doc.toJS() : null;
  } catch (error) {
    // yaml recurses into nested collections; absurd nesting overflows the stack.
    if (error instanceof RangeError) throw new ExtractError('invalid YAML: nesting is too deep');
    throw error;
  }
  const error = doc.errors[0];
  if (error) {
    throw new ExtractError(
      `invalid YAML: ${error.message.split('\n')[0]}`,
      lineCounter.linePos(error.pos[0]).line,
    );
  }
  const contents = doc.contents;
  const spansOf = (map: unknown): Map<string, EntrySpan> => {
    const spans = new Map<string, EntrySpan>();
    if (!isMap(map)) return spans;
    for (const pair of map.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const start = pair.key.range[0];
      const end =
        (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? pair.key.range[1];
      spans.set(String(pair.key.value), { start, end, line: lineCounter.linePos(start).line });
    }
    return spans;
  };
  return {
    data,
    spans: (section) =>
      spansOf(section === undefined ? contents : isMap(contents) ? contents.get(section, true) : null),
  };
}

/** Thrown inside the subset reader when the file needs the full YAML reader. */
export class NotSubset extends Error {}

type Value = string | unknown[] | Record<string, unknown> | KeyedPairs;

/** Lockfiles nest a few levels; deeper input goes to `yaml` rather than deep into the stack here. */
export const MAX_DEPTH = 32;

/**
 * A block mapping read in `keyedPairs` mode: its keys and values in the order written, duplicates
 * included (as an object, the last value of a key would count, at the place of its first).
 */
export class KeyedPairs {
  readonly keys: string[] = [];
  readonly values: unknown[] = [];
}

export interface SubsetOptions {
  /**
   * Read the block mappings of `KEYED_MAPS` members (`packages`, `dependencies`...) as `KeyedPairs`
   * rather than objects: the same document, without the cost of building objects with thousands of
   * distinct keys (see `keyedMap`). Everything else is as without it.
   */
  keyedPairs?: boolean;
}

/** The subset reader, or undefined when the text needs the general one. */
export function readSubset(text: string, options: SubsetOptions = {}): LockYaml | undefined {
  try {
    return new SubsetReader(text, options.keyedPairs === true).read();
  } catch (error) {
    if (error instanceof NotSubset) return undefined;
    throw error;
  }
}

class SubsetReader {
  /**
   * The lines with content, as parallel arrays (no object per line): where each starts, its
   * indentation, where its content ends (before `\r\n`), the offset after its newline, its number.
   */
  private readonly starts: Int32Array;
  private readonly indents: Int32Array;
  private readonly ends: Int32Array;
  private readonly nexts: Int32Array;
  private readonly numbers: Int32Array;
  private readonly count: number;
  private i = 0;
  private readonly topSpans = new Map<string, EntrySpan>();
  private readonly sectionSpans = new Map<string, Map<string, EntrySpan>>();

  constructor(
    private readonly text: string,
    private readonly keyedPairs = false,
  ) {
    let lines = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
    this.starts = new Int32Array(lines);
    this.indents = new Int32Array(lines);
    this.ends = new Int32Array(lines);
    this.nexts = new Int32Array(lines);
    this.numbers = new Int32Array(lines);
    let count = 0;
    let number = 0;
    for (let start = 0; start < text.length;) {
      const newline = text.indexOf('\n', start);
      const next = newline === -1 ? text.length : newline + 1;
      const end = newline === -1 ? text.length : text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      number++;
      let indent = start;
      while (indent < end && text.charCodeAt(indent) === 32) indent++;
      const c = text.charCodeAt(indent);
      if (indent < end && c !== 35 /* # */) {
        if (c === 9) throw new NotSubset();
        this.starts[count] = start;
        this.indents[count] = indent - start;
        this.ends[count] = end;
        this.nexts[count] = next;
        this.numbers[count] = number;
        count++;
      }
      start = next;
    }
    this.count = count;
  }

  /** Line `i`'s text without its indentation and line end. */
  private content(i: number): string {
    const start = this.starts[i] as number;
    return this.text.slice(start + (this.indents[i] as number), this.ends[i]);
  }

  read(): LockYaml {
    if (this.text.charCodeAt(0) === 0xfeff) throw new NotSubset();
    if (this.count === 0) return { data: null, spans: () => new Map() };
    if (this.indents[0] !== 0) throw new NotSubset();
    const [data] = this.block(0, 0, undefined);
    if (this.i < this.count) throw new NotSubset();
    // The result must not keep the reader (and its lines) reachable.
    const { topSpans, sectionSpans } = this;
    return {
      data,
      spans: (section) => (section === undefined ? topSpans : (sectionSpans.get(section) ?? new Map())),
    };
  }

  /**
   * The block node whose lines start at `this.i` with this indentation, and where it ends as `yaml`
   * counts it: after the newline of its last line, or after the `:` of a last key without a value.
   */
  private block(indent: number, depth: number, section: string | undefined, key?: string): [Value, number] {
    if (depth > MAX_DEPTH) throw new NotSubset();
    const firstContent = this.content(this.i);
    if (firstContent === '-' || firstContent.startsWith('- ')) return this.sequence(indent);
    const keyed = key !== undefined && KEYED_MAPS.has(key);
    const pairs = keyed && this.keyedPairs ? new KeyedPairs() : undefined;
    const map: Record<string, unknown> = keyed && !pairs ? keyedMap() : {};
    let spans: Map<string, EntrySpan> | undefined;
    if (depth === 0) spans = this.topSpans;
    else if (depth === 1 && section !== undefined) {
      spans = new Map();
      this.sectionSpans.set(section, spans);
    }
    let blockEnd = this.starts[this.i] as number;
    while (this.i < this.count) {
      const at = this.i;
      const lineIndent = this.indents[at] as number;
      if (lineIndent < indent) break;
      if (lineIndent > indent) throw new NotSubset();
      const content = this.content(at);
      const lineStart = (this.starts[at] as number) + lineIndent;
      const { key, rest, keyEnd } = splitKey(content);
      this.i++;
      let value: unknown;
      let end: number;
      const nextIndent = this.i < this.count ? (this.indents[this.i] as number) : -1;
      if (rest === '') {
        if (nextIndent > indent) {
          [value, end] = this.block(nextIndent, depth + 1, depth === 0 ? key : undefined, key);
          blockEnd = end;
        } else {
          value = '';
          end = lineStart + keyEnd + 1;
          blockEnd = end;
        }
      } else {
        if (nextIndent > indent) throw new NotSubset(); // a multi-line value
        value = inlineValue(rest);
        end = lineStart + content.trimEnd().length;
        blockEnd = this.nexts[at] as number;
      }
      if (pairs) {
        pairs.keys.push(key);
        pairs.values.push(value);
      } else {
        setOwn(map, key, value);
      }
      spans?.set(key, { start: lineStart, end, line: this.numbers[at] as number });
    }
    return [pairs ?? map, blockEnd];
  }

  private sequence(indent: number): [unknown[], number] {
    const items: unknown[] = [];
    let end = 0;
    while (this.i < this.count) {
      const lineIndent = this.indents[this.i] as number;
      if (lineIndent < indent) break;
      const content = this.content(this.i);
      if (lineIndent > indent || !content.startsWith('- ')) throw new NotSubset();
      const item = content.slice(2).trim();
      // Only scalars and flow collections (`inlineValue` refuses `- key: value`, a mapping).
      if (item === '') throw new NotSubset();
      items.push(inlineValue(item));
      end = this.nexts[this.i] as number;
      this.i++;
    }
    return [items, end];
  }
}

/**
 * `key: rest`, with the key unquoted; `keyEnd` is where the key's text ends (the `:`). Throws
 * `NotSubset` for a line that is not a key of the subset.
 */
export function splitKey(content: string): { key: string; rest: string; keyEnd: number } {
  let key: string;
  let after: number;
  const c = content[0];
  if (c === '"' || c === "'") {
    [key, after] = quoted(content, 0);
    if (content[after] !== ':') throw new NotSubset();
  } else {
    if (c === undefined || isIndicator(content)) throw new NotSubset();
    const colonSpace = content.indexOf(': ');
    after = colonSpace === -1 ? (content.endsWith(':') ? content.length - 1 : -1) : colonSpace;
    if (after <= 0) throw new NotSubset();
    key = content.slice(0, after);
    if (key.includes(' #') || key !== key.trimEnd()) throw new NotSubset();
  }
  if (after > 1024) throw new NotSubset();
  let rest = content.slice(after + 1).trim();
  if (rest.startsWith('#')) rest = '';
  return { key, rest, keyEnd: after };
}

/** A character that starts something other than a plain scalar. */
export function isIndicator(text: string): boolean {
  const c = text[0] as string;
  if ('&*!|>%@`{}[],#?'.includes(c)) return true;
  return (c === '-' || c === ':') && (text.length === 1 || text[1] === ' ');
}

/** A value on the same line as its key, or a sequence item; throws `NotSubset` outside the subset. */
export function inlineValue(text: string): Value {
  const c = text[0];
  if (c === '{' || c === '[') {
    const [value, end] = flow(text, 0);
    expectLineEnd(text, end);
    return value;
  }
  if (c === '"' || c === "'") {
    const [value, end] = quoted(text, 0);
    expectLineEnd(text, end);
    return value;
  }
  if (isIndicator(text) || text.includes(' #') || text.includes(': ') || text.endsWith(':'))
    throw new NotSubset();
  return text;
}

function expectLineEnd(text: string, at: number): void {
  const rest = text.slice(at).trim();
  if (rest !== '' && !rest.startsWith('#')) throw new NotSubset();
}

/** A one-line flow mapping or sequence starting at `at`: its value and the index after it. */
function flow(text: string, at: number, depth = 0): [Value, number] {
  if (depth > MAX_DEPTH) throw new NotSubset();
  const mapping = text[at] === '{';
  const close = mapping ? '}' : ']';
  const map: Record<string, unknown> = {};
  const list: unknown[] = [];
  let i = skipSpaces(text, at + 1);
  if (text[i] === close) return [mapping ? map : list, i + 1];
  for (;;) {
    let key: string | undefined;
    if (mapping) {
      const [k, afterKey] = flowScalar(text, i, true);
      i = skipSpaces(text, afterKey);
      if (text[i] !== ':') throw new NotSubset();
      key = k;
      i = skipSpaces(text, i + 1);
    }
    let value: Value;
    if (text[i] === '{' || text[i] === '[') [value, i] = flow(text, i, depth + 1);
    else [value, i] = flowScalar(text, i, false);
    if (key !== undefined) setOwn(map, key, value);
    else list.push(value);
    i = skipSpaces(text, i);
    if (text[i] === ',') {
      i = skipSpaces(text, i + 1);
      if (text[i] === close) return [mapping ? map : list, i + 1];
    } else if (text[i] === close) {
      return [mapping ? map : list, i + 1];
    } else {
      throw new NotSubset();
    }
  }
}

/** A scalar inside a flow collection; a key ends at `: `, a value at `,` or the closing bracket. */
function flowScalar(text: string, at: number, isKey: boolean): [string, number] {
  const c = text[at];
  if (c === '"' || c === "'") return quoted(text, at);
  if (c === undefined || isIndicator(text.slice(at))) throw new NotSubset();
  let i = at;
  for (; i < text.length; i++) {
    const d = text[i];
    if (d === ',' || d === '{' || d === '}' || d === '[' || d === ']') break;
    if (
      d === ':' &&
      (text[i + 1] === ' ' || text[i + 1] === ',' || text[i + 1] === '}' || i + 1 === text.length)
    ) {
      if (isKey) break;
      throw new NotSubset();
    }
    if (d === '#' && text[i - 1] === ' ') throw new NotSubset();
  }
  const stop = text[i];
  const value = text.slice(at, i).trimEnd();
  if (value === '' || stop === '{' || stop === '[') throw new NotSubset();
  return [value, i];
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (text[i] === ' ') i++;
  return i;
}

/** A single- or double-quoted scalar starting at `at`: its value and the index after the closing quote. */
function quoted(text: string, at: number): [string, number] {
  if (text[at] === "'") {
    let out = '';
    let i = at + 1;
    for (;;) {
      const close = text.indexOf("'", i);
      if (close === -1) throw new NotSubset();
      out += text.slice(i, close);
      if (text[close + 1] !== "'") return [out, close + 1];
      out += "'";
      i = close + 2;
    }
  }
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  if (i >= text.length) throw new NotSubset();
  try {
    return [JSON.parse(text.slice(at, i + 1)) as string, i + 1];
  } catch {
    throw new NotSubset(); // a YAML-only escape
  }
}
