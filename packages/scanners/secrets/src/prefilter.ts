import { PREFILTER_WASM } from './prefilter-wasm.generated.js';

/**
 * The keyword prefilter: one pass over a text finds which rule keywords occur, case-insensitively, with
 * an Aho-Corasick automaton compiled to a dense transition table (a DFA over ASCII; every other character
 * resets to the root unless a keyword contains it). Measured here: a combined alternation regex ran at
 * ~95 MB/s, the npm Aho-Corasick packages at 0.2-21 MB/s; this table at ~300 MB/s in JavaScript, and at
 * ~750 MB/s in the WebAssembly loop of `prefilter.wat`, which runs the table over four stretches of a text
 * at once (one stream waits on each table load before the next; four keep the processor busy). Texts
 * shorter than WASM_MIN use the JavaScript loop (the copy into WebAssembly memory would cost more).
 */
const ALPHABET = 128;
/** Texts of at least this many UTF-16 units go through the WebAssembly loop. */
export const WASM_MIN = 512;
/** Accepting states per stream the WebAssembly output holds; a text with more falls back to JavaScript. */
const WASM_CAP = 1 << 14;
const STREAMS = 4;

export class KeywordPrefilter {
  /** See the constructor. */
  private readonly folded: Int32Array;
  /** For each state s, the keyword indexes that end there (including through failure links) are
   * outputFlat[outputStart[s] .. outputStart[s + 1]). */
  private readonly outputStart: Int32Array;
  private readonly outputFlat: Int32Array;
  /** Longest keyword length minus one: how far a stream reads before its stretch. */
  private readonly overlap: number;
  private wasm: WasmScanner | undefined | null;
  readonly keywordCount: number;
  /** Length of each keyword. */
  readonly keywordLengths: Int32Array;
  private hitKeywords = new Int32Array(256);
  private hitEnds = new Int32Array(256);

  constructor(keywords: readonly string[]) {
    for (const k of keywords) {
      if (k.length === 0 || k !== k.toLowerCase() || /[^\x20-\x7e]/.test(k)) {
        throw new Error(`keyword must be non-empty, lower-case printable ASCII: ${JSON.stringify(k)}`);
      }
    }
    this.keywordCount = keywords.length;
    this.keywordLengths = Int32Array.from(keywords, (k) => k.length);
    // Trie.
    const goto: Map<number, number>[] = [new Map<number, number>()];
    const out: number[][] = [[]];
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = keyword.charCodeAt(i);
        let next = goto[state]!.get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map<number, number>());
          out.push([]);
          goto[state]!.set(c, next);
        }
        state = next;
      }
      out[state]!.push(index);
    });
    // The table the scan loop reads, built breadth-first in its final form: row s (entries s * ALPHABET
    // onwards) starts as a copy of its failure state's row (already complete: failure states are
    // shallower), then takes its own edges. An entry holds the next state's row offset (state *
    // ALPHABET), or ~offset when keywords end in that state, so one sign test spots it; upper-case
    // columns repeat lower-case ones. A state's failure link, outputs and mark are known when its
    // parent is processed (they come from shallower states), so the table needs no second pass.
    const states = goto.length;
    const folded = new Int32Array(states * ALPHABET);
    const fail = new Int32Array(states);
    const accepting = new Uint8Array(states);
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const row = state * ALPHABET;
      if (state !== 0) folded.copyWithin(row, fail[state]! * ALPHABET, fail[state]! * ALPHABET + ALPHABET);
      for (const [c, next] of goto[state]!) {
        if (state !== 0) {
          const viaFail = folded[row + c]!;
          fail[next] = (viaFail < 0 ? ~viaFail : viaFail) / ALPHABET;
        }
        out[next]!.push(...out[fail[next]!]!);
        accepting[next] = out[next]!.length > 0 ? 1 : 0;
        const entry = accepting[next] === 1 ? ~(next * ALPHABET) : next * ALPHABET;
        folded[row + c] = entry;
        if (c >= 97 && c <= 122) folded[row + c - 0x20] = entry;
        queue.push(next);
      }
    }
    const outputs = out.map((o) => [...new Set(o)]);
    this.outputStart = new Int32Array(states + 1);
    outputs.forEach((o, state) => (this.outputStart[state + 1] = this.outputStart[state]! + o.length));
    this.outputFlat = Int32Array.from(outputs.flat());
    this.overlap = Math.max(0, ...keywords.map((k) => k.length)) - 1;
    this.folded = folded;
  }

  /** Indexes of the keywords that occur in `text` (ASCII case-insensitive). */
  find(text: string): Set<number> {
    const { count, keywords } = this.hits(text);
    return new Set(keywords.subarray(0, count));
  }

  /**
   * Every keyword occurrence in `text`, in order of where it ends. The arrays are reused by the next
   * call: read them before scanning another text.
   */
  hits(text: string): KeywordHits {
    this.count = 0;
    if (text.length >= WASM_MIN) {
      if (this.wasm === undefined) this.wasm = WasmScanner.create(this.folded);
      if (this.wasm && this.hitsWasm(this.wasm, text)) return this.result();
      this.count = 0;
    }
    this.hitsJs(text, 0, text.length);
    return this.result();
  }

  /** Hits found by the JavaScript loop only (tests compare it with the WebAssembly loop). */
  hitsWithoutWasm(text: string): KeywordHits {
    this.count = 0;
    this.hitsJs(text, 0, text.length);
    return this.result();
  }

  private count = 0;

  /** Whether long texts go through WebAssembly (false before the first one, or without WebAssembly). */
  get usesWasm(): boolean {
    return Boolean(this.wasm);
  }

  private result(): KeywordHits {
    return { count: this.count, keywords: this.hitKeywords, ends: this.hitEnds };
  }

  private hitsJs(text: string, from: number, to: number): void {
    const { folded, outputStart, outputFlat } = this;
    let row = 0;
    for (let i = from; i < to; i++) {
      // `& 127` maps other characters onto ASCII: a spurious hit only runs a rule on a window for
      // nothing, and real (ASCII) keywords are still all found.
      row = folded[row + (text.charCodeAt(i) & 127)]!;
      if (row >= 0) continue;
      row = ~row;
      const state = row >> 7;
      for (let o = outputStart[state]!, last = outputStart[state + 1]!; o < last; o++)
        this.push(outputFlat[o]!, i + 1);
    }
  }

  private push(keyword: number, end: number): void {
    if (this.count === this.hitKeywords.length) {
      const grownKeywords = new Int32Array(this.count * 2);
      grownKeywords.set(this.hitKeywords);
      this.hitKeywords = grownKeywords;
      const grownEnds = new Int32Array(this.count * 2);
      grownEnds.set(this.hitEnds);
      this.hitEnds = grownEnds;
    }
    this.hitKeywords[this.count] = keyword;
    this.hitEnds[this.count] = end;
    this.count++;
  }

  /**
   * The text cut into four stretches of q units; stream k starts `overlap` units before its stretch (from
   * the start state, so it sees every keyword that ends inside it) and keeps the hits that end inside
   * it. Stretches are in order, so the hits are too. False when a stream's output overflowed.
   */
  private hitsWasm(wasm: WasmScanner, text: string): boolean {
    const n = text.length;
    const w = this.overlap;
    const q = Math.ceil(n / STREAMS);
    const out = wasm.run(text, w, q);
    if (!out) return false;
    const { outputStart, outputFlat } = this;
    // Read in place from the instance's memory (no copy per stream): pairs of (row, end).
    for (let k = 0; k < STREAMS; k++) {
      const lo = k * q;
      const hi = Math.min(n, lo + q);
      const base = out.base + k * WASM_CAP * 2;
      for (let e = base, last = base + 2 * out.i32[k]!; e < last; e += 2) {
        const end = out.i32[e + 1]! - out.shift;
        if (end <= lo || end > hi) continue;
        const state = out.i32[e]! >> 7;
        for (let o = outputStart[state]!, stop = outputStart[state + 1]!; o < stop; o++)
          this.push(outputFlat[o]!, end);
      }
    }
    return true;
  }
}

/** The part of the WebAssembly API used here (the compiler's library settings do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** One WebAssembly instance of `prefilter.wat` with the automaton's table in its memory. */
class WasmScanner {
  private readonly memory: WasmMemory;
  private readonly scan4: (
    p0: number,
    stride: number,
    len: number,
    tbl: number,
    out: number,
    cap: number,
  ) => number;
  private readonly out: number;
  private readonly text: number;
  private static module: object | undefined;

  private constructor(instance: { exports: Record<string, unknown> }, folded: Int32Array) {
    const exports = instance.exports as unknown as {
      memory: WasmMemory;
      scan4: WasmScanner['scan4'];
    };
    this.memory = exports.memory;
    this.scan4 = exports.scan4;
    const table = 64;
    this.out = table + folded.length * 4;
    this.text = this.out + STREAMS * WASM_CAP * 8;
    this.reserve(this.text);
    new Int32Array(this.memory.buffer, table, folded.length).set(folded);
  }

  /** Null when this runtime has no WebAssembly (the JavaScript loop then does all the work). */
  static create(folded: Int32Array): WasmScanner | null {
    if (!wasmApi) return null;
    try {
      WasmScanner.module ??= new wasmApi.Module(Buffer.from(PREFILTER_WASM, 'base64'));
      return new WasmScanner(new wasmApi.Instance(WasmScanner.module, {}), folded);
    } catch {
      return null;
    }
  }

  /** Views of the instance's memory, made again only after it grows (growing detaches the old ones). */
  private bytes = Buffer.alloc(0);
  private i32 = new Int32Array(0);

  private reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / 65536));
    if (this.bytes.byteLength !== this.memory.buffer.byteLength) {
      this.bytes = Buffer.from(this.memory.buffer);
      this.i32 = new Int32Array(this.memory.buffer);
    }
  }

  /**
   * Stream k reads text units [k * q - w, (k + 1) * q); units outside the text read as 0 (no keyword
   * contains U+0000). Each stream's accepting states and where they ended are pairs in `i32`: stream k
   * has `i32[k]` of them from `base + k * WASM_CAP * 2` on, ends as addresses (minus `shift`: text
   * units). The views are reused by the next call.
   * The text goes in as one byte per UTF-16 unit (Latin-1 writing keeps each unit's low byte, a copy for
   * most strings), which the automaton reads the same as the unit: it looks at the low 7 bits only.
   */
  run(text: string, w: number, q: number): { i32: Int32Array; base: number; shift: number } | undefined {
    const units = w + STREAMS * q;
    this.reserve(this.text + units);
    const memory = this.bytes;
    memory.fill(0, this.text, this.text + w);
    memory.write(text, this.text + w, 'latin1');
    memory.fill(0, this.text + w + text.length, this.text + units);
    if (this.scan4(this.text, q, q + w, 64, this.out, WASM_CAP) < 0) return undefined;
    return { i32: this.i32, base: this.out >> 2, shift: this.text + w };
  }
}

/** Keyword occurrences: the `i`th (for `i < count`) is keyword `keywords[i]`, ending before `ends[i]`. */
export interface KeywordHits {
  count: number;
  keywords: Int32Array;
  ends: Int32Array;
}
