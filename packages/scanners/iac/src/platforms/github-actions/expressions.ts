/**
 * GitHub Actions expressions (`${{ ... }}`): where they are in a string node's source, a small parser for
 * their syntax, and a taint evaluation that says whether an expression's value can carry attacker text.
 */
import type { YamlDocument } from '../../yaml/load.js';

/** One `${{ ... }}` occurrence: file offsets of the whole expression and its inner text. */
export interface Expression {
  start: number;
  end: number;
  inner: string;
}

/** Finds `${{ ... }}` in `source` (a node's source text starting at file offset `base`). */
export function findExpressions(source: string, base: number): Expression[] {
  const out: Expression[] = [];
  let from = 0;
  for (;;) {
    const open = source.indexOf('${{', from);
    if (open < 0) break;
    let i = open + 3;
    let close = -1;
    while (i < source.length) {
      const c = source[i];
      if (c === "'") {
        const quote = source.indexOf("'", i + 1);
        if (quote < 0) break;
        i = quote + 1;
        continue;
      }
      if (c === '}' && source[i + 1] === '}') {
        close = i;
        break;
      }
      i++;
    }
    if (close < 0) break;
    out.push({ start: base + open, end: base + close + 2, inner: source.slice(open + 3, close) });
    from = close + 2;
  }
  return out;
}

/** Expressions inside the string node at `path` (none when the node is not a string). */
export function expressionsAt(file: YamlDocument, path: readonly (string | number)[]): Expression[] {
  if (!file.has(path)) return [];
  const { start, end } = file.locate(path);
  const source = file.text.slice(start, end);
  if (!source.includes('${{')) return [];
  return findExpressions(source, start);
}

/** The expression's inner text on one line, trimmed (for messages). */
export function expressionText(expression: Expression): string {
  return expression.inner
    .split(/\s+/)
    .filter((w) => w !== '')
    .join(' ');
}

// ---------------------------------------------------------------------------------------------------------
// Syntax

type Token = { type: 'ident' | 'number' | 'string' | 'punct'; value: string };

export type ExprNode =
  | { kind: 'literal' }
  | { kind: 'path'; segments: string[] }
  | { kind: 'call'; name: string; args: ExprNode[] }
  | { kind: 'member'; object: ExprNode }
  | { kind: 'not'; operand: ExprNode }
  | { kind: 'binary'; op: string; left: ExprNode; right: ExprNode };

const PUNCT2 = ['==', '!=', '<=', '>=', '&&', '||'];
const PUNCT1 = '()[].,!<>*';

function isIdentStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= '0' && c <= '9') || c === '-';
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      let value = '';
      for (;;) {
        const quote = text.indexOf("'", j);
        if (quote < 0) return undefined;
        value += text.slice(j, quote);
        if (text[quote + 1] === "'") {
          value += "'";
          j = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      tokens.push({ type: 'string', value });
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < text.length && /[0-9a-fA-FxX.eE+-]/.test(text[j] ?? '')) j++;
      tokens.push({ type: 'number', value: text.slice(i, j) });
      i = j;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < text.length && isIdentPart(text[j] ?? '')) j++;
      tokens.push({ type: 'ident', value: text.slice(i, j) });
      i = j;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (PUNCT2.includes(two)) {
      tokens.push({ type: 'punct', value: two });
      i += 2;
      continue;
    }
    if (PUNCT1.includes(c)) {
      tokens.push({ type: 'punct', value: c });
      i++;
      continue;
    }
    return undefined;
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): ExprNode | undefined {
    const node = this.or();
    return node && this.at === this.tokens.length ? node : undefined;
  }

  private peek(value: string): boolean {
    const token = this.tokens[this.at];
    return token !== undefined && token.type === 'punct' && token.value === value;
  }

  private binary(ops: string[], next: () => ExprNode | undefined): ExprNode | undefined {
    let left = next();
    if (!left) return undefined;
    for (;;) {
      const token = this.tokens[this.at];
      if (!token || token.type !== 'punct' || !ops.includes(token.value)) return left;
      this.at++;
      const right = next();
      if (!right) return undefined;
      left = { kind: 'binary', op: token.value, left, right };
    }
  }

  private or(): ExprNode | undefined {
    return this.binary(['||'], () => this.and());
  }

  private and(): ExprNode | undefined {
    return this.binary(['&&'], () => this.equality());
  }

  private equality(): ExprNode | undefined {
    return this.binary(['==', '!='], () => this.comparison());
  }

  private comparison(): ExprNode | undefined {
    return this.binary(['<', '<=', '>', '>='], () => this.unary());
  }

  private unary(): ExprNode | undefined {
    if (this.peek('!')) {
      this.at++;
      const operand = this.unary();
      return operand && { kind: 'not', operand };
    }
    return this.postfix();
  }

  private postfix(): ExprNode | undefined {
    let node = this.primary();
    while (node) {
      if (this.peek('.')) {
        this.at++;
        const token = this.tokens[this.at];
        if (!token) return undefined;
        let segment: string;
        if (token.type === 'ident') segment = token.value.toLowerCase();
        else if (token.type === 'punct' && token.value === '*') segment = '*';
        else return undefined;
        this.at++;
        node =
          node.kind === 'path'
            ? { kind: 'path', segments: [...node.segments, segment] }
            : { kind: 'member', object: node };
      } else if (this.peek('[')) {
        this.at++;
        const index = this.tokens[this.at];
        let segment = '*';
        if (index && index.type === 'string' && this.tokens[this.at + 1]?.value === ']') {
          segment = index.value.toLowerCase();
          this.at++;
        } else if (
          index &&
          index.type === 'punct' &&
          index.value === '*' &&
          this.tokens[this.at + 1]?.value === ']'
        ) {
          this.at++;
        } else if (!this.or()) return undefined;
        if (!this.peek(']')) return undefined;
        this.at++;
        node =
          node.kind === 'path'
            ? { kind: 'path', segments: [...node.segments, segment] }
            : { kind: 'member', object: node };
      } else break;
    }
    return node;
  }

  private primary(): ExprNode | undefined {
    const token = this.tokens[this.at];
    if (!token) return undefined;
    if (token.type === 'string' || token.type === 'number') {
      this.at++;
      return { kind: 'literal' };
    }
    if (token.type === 'punct' && token.value === '(') {
      this.at++;
      const inner = this.or();
      if (!inner || !this.peek(')')) return undefined;
      this.at++;
      return inner;
    }
    if (token.type !== 'ident') return undefined;
    this.at++;
    const lower = token.value.toLowerCase();
    if (this.peek('(')) {
      this.at++;
      const args: ExprNode[] = [];
      if (!this.peek(')'))
        for (;;) {
          const arg = this.or();
          if (!arg) return undefined;
          args.push(arg);
          if (this.peek(',')) {
            this.at++;
            continue;
          }
          break;
        }
      if (!this.peek(')')) return undefined;
      this.at++;
      return { kind: 'call', name: lower, args };
    }
    if (lower === 'true' || lower === 'false' || lower === 'null' || lower === 'nan' || lower === 'infinity')
      return { kind: 'literal' };
    return { kind: 'path', segments: [lower] };
  }
}

/** Parses an expression's inner text; undefined when it is not valid expression syntax. */
export function parseExpression(text: string): ExprNode | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  return new Parser(tokens).parse();
}

/** Every context path the expression reads (lowercased segments; `*` for dynamic indexes). */
export function contextPaths(text: string): string[][] {
  const node = parseExpression(text);
  if (node) {
    const out: string[][] = [];
    const walk = (n: ExprNode): void => {
      if (n.kind === 'path') out.push(n.segments);
      else if (n.kind === 'call') n.args.forEach(walk);
      else if (n.kind === 'member') walk(n.object);
      else if (n.kind === 'not') walk(n.operand);
      else if (n.kind === 'binary') {
        walk(n.left);
        walk(n.right);
      }
    };
    walk(node);
    return out;
  }
  return fallbackPaths(text);
}

/** Dotted names in text that did not parse (`a.b.c`, `a.*.b`), outside single-quoted strings. */
function fallbackPaths(text: string): string[][] {
  const out: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === "'") {
      const quote = text.indexOf("'", i + 1);
      if (quote < 0) break;
      i = quote + 1;
      continue;
    }
    if (isIdentStart(c) && (i === 0 || !isIdentPart(text[i - 1] ?? ''))) {
      let j = i;
      while (j < text.length && (isIdentPart(text[j] ?? '') || text[j] === '.' || text[j] === '*')) j++;
      out.push(
        text
          .slice(i, j)
          .toLowerCase()
          .split('.')
          .filter((s) => s !== ''),
      );
      i = j;
      continue;
    }
    i++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Taint

/**
 * What an expression's value can hold: nothing from the attacker, an object or array that contains
 * attacker text (dangerous only once serialised, e.g. by `toJSON`), or attacker text itself.
 */
export const Taint = { None: 0, Object: 1, Value: 2 } as const;
export type Taint = (typeof Taint)[keyof typeof Taint];

/** Classifies a context path. */
export type Classifier = (segments: readonly string[]) => Taint;

const SAFE_FUNCTIONS = new Set([
  'contains',
  'startswith',
  'endswith',
  'hashfiles',
  'success',
  'failure',
  'always',
  'cancelled',
]);

function evaluate(node: ExprNode, classify: Classifier): Taint {
  switch (node.kind) {
    case 'literal':
      return Taint.None;
    case 'path':
      return classify(node.segments);
    case 'member':
      return evaluate(node.object, classify) === Taint.None ? Taint.None : Taint.Value;
    case 'not':
      return Taint.None;
    case 'binary':
      if (node.op === '&&' || node.op === '||')
        return Math.max(evaluate(node.left, classify), evaluate(node.right, classify)) as Taint;
      return Taint.None;
    case 'call': {
      if (SAFE_FUNCTIONS.has(node.name)) return Taint.None;
      const args = node.args.map((arg) => evaluate(arg, classify));
      if (node.name === 'tojson') return (args[0] ?? Taint.None) === Taint.None ? Taint.None : Taint.Value;
      if (node.name === 'fromjson') return args[0] ?? Taint.None;
      return args.includes(Taint.Value) ? Taint.Value : Taint.None;
    }
  }
}

/** The taint of an expression's value (inner text of `${{ }}`). Text that does not parse is judged by its names. */
export function taintOf(text: string, classify: Classifier): Taint {
  const node = parseExpression(text);
  if (node) return evaluate(node, classify);
  return fallbackPaths(text).some((path) => classify(path) === Taint.Value) ? Taint.Value : Taint.None;
}

/**
 * A classifier for a list of dotted patterns (`*` matches one segment either way): a path equal to a
 * pattern is `Value`, a path that is a proper prefix of one (an object holding it) is `Object`.
 */
export function patternClassifier(patterns: readonly string[]): Classifier {
  const split = patterns.map((p) => p.toLowerCase().split('.'));
  return (segments) => {
    let best: Taint = Taint.None;
    for (const pattern of split) {
      if (segments.length > pattern.length) continue;
      let ok = true;
      for (let i = 0; i < segments.length; i++) {
        const a = segments[i];
        const b = pattern[i];
        if (a !== b && a !== '*' && b !== '*') {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (segments.length === pattern.length) return Taint.Value;
      best = Taint.Object;
    }
    return best;
  };
}
