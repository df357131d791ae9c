/**
 * A tolerant reader for the Elixir literal syntax `mix.lock` is written in: maps (`%{k => v}` and
 * `%{"k": v}`), tuples, lists (with keyword entries `key: value`), strings, atoms (`:name`,
 * `:"quoted"`), numbers and `true`/`false`/`nil`. It reads data only; any other syntax is an error.
 * Each term keeps its offsets in the text.
 */
import { ExtractError, lineAt } from '../../model.js';

export type Term =
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'atom'; value: string; start: number; end: number }
  | { kind: 'number'; value: string; start: number; end: number }
  | { kind: 'list'; items: Term[]; start: number; end: number }
  | { kind: 'tuple'; items: Term[]; start: number; end: number }
  | { kind: 'map'; entries: [Term, Term][]; start: number; end: number };

type Token =
  | { type: 'punct'; value: '%{' | '{' | '}' | '[' | ']' | ',' | '=>'; start: number; end: number }
  | { type: 'string'; value: string; start: number; end: number }
  | { type: 'atom'; value: string; start: number; end: number }
  /** `key:` or `"key":` — an atom key of a keyword list or map. */
  | { type: 'key'; value: string; start: number; end: number }
  | { type: 'number'; value: string; start: number; end: number };

const MAX_DEPTH = 64;

/** Parse one term filling the whole text (comments and whitespace aside). */
export function parseTerm(text: string, what: string): Term {
  const tokens = tokenize(text, what);
  let pos = 0;
  const fail = (message: string, offset: number): never => {
    throw new ExtractError(`${what}: ${message}`, lineAt(text, offset));
  };
  const peek = (): Token | undefined => tokens[pos];
  const next = (): Token => {
    const token = tokens[pos++];
    return token ?? fail('unexpected end of file', text.length);
  };
  const isPunct = (token: Token | undefined, value: string): boolean =>
    token?.type === 'punct' && token.value === value;

  const value = (depth: number): Term => {
    if (depth > MAX_DEPTH) fail('terms nested too deeply', peek()?.start ?? text.length);
    const token = next();
    switch (token.type) {
      case 'string':
      case 'atom':
      case 'number':
        return { kind: token.type, value: token.value, start: token.start, end: token.end };
      case 'key':
        return fail(`unexpected key '${token.value}:'`, token.start);
      case 'punct':
        if (token.value === '%{') return map(token.start, depth);
        if (token.value === '{') {
          const [items, end] = sequence('}', token.start, depth);
          return { kind: 'tuple', items, start: token.start, end };
        }
        if (token.value === '[') {
          const [items, end] = sequence(']', token.start, depth);
          return { kind: 'list', items, start: token.start, end };
        }
        return fail(`unexpected '${token.value}'`, token.start);
    }
  };

  /** Items up to `close`, comma-separated, trailing comma allowed; `key: v` becomes `{:key, v}`. */
  const sequence = (close: '}' | ']', start: number, depth: number): [Term[], number] => {
    const items: Term[] = [];
    for (;;) {
      const token = peek();
      if (token === undefined) fail(`'${close === '}' ? '{' : '['}' is never closed`, start);
      if (isPunct(token, close)) return [items, next().end];
      if (token?.type === 'key') {
        next();
        const v = value(depth + 1);
        const key: Term = { kind: 'atom', value: token.value, start: token.start, end: token.end };
        items.push({ kind: 'tuple', items: [key, v], start: token.start, end: v.end });
      } else {
        items.push(value(depth + 1));
      }
      const after = peek();
      if (isPunct(after, ',')) next();
      else if (!isPunct(after, close)) fail(`expected ',' or '${close}'`, after?.start ?? text.length);
    }
  };

  const map = (start: number, depth: number): Term => {
    const entries: [Term, Term][] = [];
    for (;;) {
      const token = peek();
      if (token === undefined) return fail("'%{' is never closed", start);
      if (isPunct(token, '}')) return { kind: 'map', entries, start, end: next().end };
      let key: Term;
      if (token.type === 'key') {
        next();
        key = { kind: 'atom', value: token.value, start: token.start, end: token.end };
      } else {
        key = value(depth + 1);
        const arrow = next();
        if (!(arrow.type === 'punct' && arrow.value === '=>'))
          fail("expected '=>' after a map key", arrow.start);
      }
      entries.push([key, value(depth + 1)]);
      const after = peek();
      if (isPunct(after, ',')) next();
      else if (!isPunct(after, '}')) fail("expected ',' or '}'", after?.start ?? text.length);
    }
  };

  const term = value(0);
  const rest = peek();
  if (rest) fail(`unexpected '${text.slice(rest.start, rest.end)}' after the end`, rest.start);
  return term;
}

function tokenize(text: string, what: string): Token[] {
  const tokens: Token[] = [];
  const fail = (message: string, offset: number): never => {
    throw new ExtractError(`${what}: ${message}`, lineAt(text, offset));
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const start = i;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\uFEFF') {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '%' && text[i + 1] === '{') {
      tokens.push({ type: 'punct', value: '%{', start, end: (i += 2) });
    } else if (c === '=' && text[i + 1] === '>') {
      tokens.push({ type: 'punct', value: '=>', start, end: (i += 2) });
    } else if (c === '{' || c === '}' || c === '[' || c === ']' || c === ',') {
      tokens.push({ type: 'punct', value: c, start, end: ++i });
    } else if (c === '"') {
      const [value, end] = readString(text, i, fail);
      i = end;
      if (text[i] === ':' && isSpace(text[i + 1])) tokens.push({ type: 'key', value, start, end: ++i });
      else tokens.push({ type: 'string', value, start, end });
    } else if (c === ':' && text[i + 1] === '"') {
      const [value, end] = readString(text, i + 1, fail);
      tokens.push({ type: 'atom', value, start, end: (i = end) });
    } else if (c === ':' && isAtomStart(text[i + 1])) {
      i = atomEnd(text, i + 1);
      tokens.push({ type: 'atom', value: text.slice(start + 1, i), start, end: i });
    } else if (isAtomStart(c)) {
      i = atomEnd(text, i);
      const word = text.slice(start, i);
      if (text[i] === ':' && isSpace(text[i + 1])) tokens.push({ type: 'key', value: word, start, end: ++i });
      else if (word === 'true' || word === 'false' || word === 'nil') {
        tokens.push({ type: 'atom', value: word, start, end: i });
      } else fail(`unexpected '${word}'`, start);
    } else if ((c >= '0' && c <= '9') || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      i++;
      while (i < text.length && /[0-9_.a-fA-Fxob]/.test(text[i] ?? '')) i++;
      tokens.push({ type: 'number', value: text.slice(start, i), start, end: i });
    } else {
      fail(`unexpected character '${c}'`, start);
    }
  }
  return tokens;
}

/** A double-quoted string starting at `start`; returns its value and the offset past the quote. */
function readString(
  text: string,
  start: number,
  fail: (message: string, offset: number) => never,
): [string, number] {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return [value, i + 1];
    if (c === '\\') {
      const e = text[++i];
      if (e === undefined) break;
      value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
    } else {
      value += c;
    }
  }
  return fail('unterminated string', start);
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function isAtomStart(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z_]/.test(c);
}

function atomEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && /[A-Za-z0-9_@]/.test(text[i] ?? '')) i++;
  if (text[i] === '?' || text[i] === '!') i++;
  return i;
}
