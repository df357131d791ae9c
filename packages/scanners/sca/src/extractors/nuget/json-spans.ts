/**
 * Offsets of values inside a JSON text, for the `start`/`end` of JSON lockfile entries. The text must
 * already be known to be valid JSON (run `parseJson` first): this scanner does not validate.
 *
 * Shared by the NuGet, Conan and renv extractors.
 */

export interface Span {
  start: number;
  end: number;
}

export type JsonPath = readonly (string | number)[];

/**
 * The text with a leading byte-order mark (which `JSON.parse` rejects, and Windows editors add)
 * turned into a space, so that offsets stay those of the original text.
 */
export function blankBom(text: string): string {
  return text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
}

/** Key of a path in the map `jsonSpans` returns. */
export function pathKey(path: JsonPath): string {
  return path.join('\u0000');
}

/**
 * Spans of the values at paths of length 1..`depth` (object keys as strings, array indexes as
 * numbers). Deeper values are skipped without recursion, so the cost is linear in the text and the
 * recursion depth is bounded by `depth`.
 */
export function jsonSpans(text: string, depth: number): Map<string, Span> {
  const spans = new Map<string, Span>();
  const scanner = new Scanner(text);
  scanner.value([], depth, spans);
  return spans;
}

class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  value(path: (string | number)[], depth: number, spans: Map<string, Span>): void {
    this.whitespace();
    const start = this.pos;
    const c = this.text[this.pos];
    if (path.length >= depth) this.skipValue();
    else if (c === '{') this.object(path, depth, spans);
    else if (c === '[') this.array(path, depth, spans);
    else this.skipValue();
    if (path.length > 0) spans.set(pathKey(path), { start, end: this.pos });
  }

  private object(path: (string | number)[], depth: number, spans: Map<string, Span>): void {
    this.pos++; // {
    this.whitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.whitespace();
      const key = this.key();
      this.whitespace();
      this.pos++; // :
      path.push(key);
      this.value(path, depth, spans);
      path.pop();
      this.whitespace();
      const c = this.text[this.pos++];
      if (c !== ',') return; // } (or the end of a text that was not valid JSON)
    }
  }

  private array(path: (string | number)[], depth: number, spans: Map<string, Span>): void {
    this.pos++; // [
    this.whitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      path.push(index);
      this.value(path, depth, spans);
      path.pop();
      this.whitespace();
      const c = this.text[this.pos++];
      if (c !== ',') return;
    }
  }

  private key(): string {
    const start = this.pos;
    this.skipString();
    const raw = this.text.slice(start, this.pos);
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  private whitespace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.pos++;
    }
  }

  private skipString(): void {
    const text = this.text;
    this.pos++; // opening quote
    while (this.pos < text.length) {
      const c = text[this.pos++];
      if (c === '\\') this.pos++;
      else if (c === '"') return;
    }
  }

  /** Skip one value of any kind, tracking nesting with a counter instead of recursion. */
  private skipValue(): void {
    const text = this.text;
    let nesting = 0;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '"') {
        this.skipString();
        if (nesting === 0) return;
        continue;
      }
      if (c === '{' || c === '[') nesting++;
      else if (c === '}' || c === ']') {
        if (nesting === 0) return; // end of the enclosing container: a scalar ended here
        nesting--;
        if (nesting === 0) {
          this.pos++;
          return;
        }
      } else if (nesting === 0 && (c === ',' || c === ' ' || c === '\n' || c === '\r' || c === '\t')) return;
      this.pos++;
    }
  }
}
