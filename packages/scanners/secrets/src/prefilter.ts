/**
 * The keyword prefilter: one pass over a text finds which rule keywords occur, case-insensitively, with
 * an Aho-Corasick automaton compiled to a dense transition table (a DFA over ASCII; every other character
 * resets to the root unless a keyword contains it). Measured here: a combined alternation regex ran at
 * ~95 MB/s, the npm Aho-Corasick packages at 0.2-21 MB/s; a byte table like this one at 200+ MB/s.
 */
const ALPHABET = 128;

export class KeywordPrefilter {
  /** delta[state * ALPHABET + char] = next state. */
  private readonly delta: Int32Array;
  /** For each state, the keyword indexes that end there (including through failure links). */
  private readonly outputs: (readonly number[] | undefined)[];
  readonly keywordCount: number;

  constructor(keywords: readonly string[]) {
    for (const k of keywords) {
      if (k.length === 0 || k !== k.toLowerCase() || /[^\x20-\x7e]/.test(k)) {
        throw new Error(`keyword must be non-empty, lower-case printable ASCII: ${JSON.stringify(k)}`);
      }
    }
    this.keywordCount = keywords.length;
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
    // Breadth-first failure links, folded into a full transition table.
    const states = goto.length;
    const delta = new Int32Array(states * ALPHABET);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const next = goto[0]!.get(c) ?? 0;
      delta[c] = next;
      if (next !== 0) queue.push(next);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      out[state]!.push(...out[fail[state]!]!);
      for (let c = 0; c < ALPHABET; c++) {
        const next = goto[state]!.get(c);
        if (next === undefined) {
          delta[state * ALPHABET + c] = delta[fail[state]! * ALPHABET + c]!;
        } else {
          fail[next] = delta[fail[state]! * ALPHABET + c]!;
          delta[state * ALPHABET + c] = next;
          queue.push(next);
        }
      }
    }
    this.delta = delta;
    this.outputs = out.map((o) => (o.length > 0 ? [...new Set(o)] : undefined));
  }

  /** Indexes of the keywords that occur in `text` (ASCII case-insensitive). */
  find(text: string): Set<number> {
    const found = new Set<number>();
    const { delta, outputs } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c >= 65 && c <= 90) c |= 0x20;
      else if (c >= ALPHABET) c = 0;
      state = delta[state * ALPHABET + c]!;
      const hits = outputs[state];
      if (hits !== undefined) {
        for (const k of hits) found.add(k);
        if (found.size === this.keywordCount) break;
      }
    }
    return found;
  }
}
