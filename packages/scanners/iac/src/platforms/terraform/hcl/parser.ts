/**
 * Recursive-descent parser for HCL native syntax over the token arrays of `lexer.ts`. Errors carry the
 * offset and line; at the top level the parser recovers at the next block that starts a line, so one broken
 * block does not lose the rest of the file.
 */
import type {
  Attribute,
  BinaryOp,
  Block,
  BlockLabel,
  Body,
  Expr,
  HclFile,
  HclSyntaxError,
  ObjectItem,
  Step,
  TemplatePart,
} from './ast.js';
import { T, tokenize, type Tokens } from './lexer.js';

class ParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** Recovery resumes at the current token instead of skipping it. */
    readonly resumeHere = false,
  ) {
    super(message);
  }
}

/** Terraform's top-level block types: a line starting with one inside a block means a `}` is missing. */
const TOP_LEVEL = new Set([
  'resource',
  'data',
  'module',
  'variable',
  'output',
  'locals',
  'provider',
  'terraform',
  'moved',
  'import',
  'check',
  'removed',
]);

const PRECEDENCE: Partial<Record<T, number>> = {
  [T.Or]: 1,
  [T.And]: 2,
  [T.EqualOp]: 3,
  [T.NotEqual]: 3,
  [T.Lt]: 4,
  [T.Gt]: 4,
  [T.Le]: 4,
  [T.Ge]: 4,
  [T.Plus]: 5,
  [T.Minus]: 5,
  [T.Star]: 6,
  [T.Slash]: 6,
  [T.Percent]: 6,
};

const OPERATOR: Partial<Record<T, BinaryOp>> = {
  [T.Or]: '||',
  [T.And]: '&&',
  [T.EqualOp]: '==',
  [T.NotEqual]: '!=',
  [T.Lt]: '<',
  [T.Gt]: '>',
  [T.Le]: '<=',
  [T.Ge]: '>=',
  [T.Plus]: '+',
  [T.Minus]: '-',
  [T.Star]: '*',
  [T.Slash]: '/',
  [T.Percent]: '%',
};

const MAX_DEPTH = 200;

/** 1-based line and column of an offset, from a sorted array of line starts. */
export function lineColumn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

export function lineStartsOf(src: string): number[] {
  const starts = [0];
  let i = src.indexOf('\n');
  while (i >= 0) {
    starts.push(i + 1);
    i = src.indexOf('\n', i + 1);
  }
  return starts;
}

function hex(text: string, from: number, length: number): number | undefined {
  const digits = text.slice(from, from + length);
  if (digits.length !== length) return undefined;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return undefined;
  }
  return parseInt(digits, 16);
}

class Parser {
  private pos = 0;
  /** > 0 while newlines are insignificant (inside brackets, parentheses, objects, interpolations). */
  private nl = 0;
  private depth = 0;
  /** The next literal text of a template loses its leading whitespace (after `~}`). */
  private stripNext = false;
  /** Indentation removed from each line of the `<<-` heredoc being parsed (stack). */
  private heredocIndent: number[] = [];
  readonly errors: HclSyntaxError[] = [];
  private lineStarts: number[] | undefined;

  constructor(
    private readonly src: string,
    private readonly tk: Tokens,
  ) {}

  // ---- tokens ----

  private peek(): T {
    const types = this.tk.types;
    if (this.nl > 0) while (types[this.pos] === T.Newline) this.pos++;
    return types[this.pos] as T;
  }

  private typeAt(index: number): T {
    return this.tk.types[index] ?? T.EOF;
  }

  private start(index = this.pos): number {
    return this.tk.starts[index] ?? this.src.length;
  }

  private end(index = this.pos): number {
    return this.tk.ends[index] ?? this.src.length;
  }

  private text(index = this.pos): string {
    return this.src.slice(this.start(index), this.end(index));
  }

  private describe(index = this.pos): string {
    const type = this.typeAt(index);
    if (type === T.EOF) return 'end of file';
    if (type === T.Newline) return 'newline';
    if (type === T.OQuote) return 'a string';
    if (type === T.OHeredoc) return 'a heredoc';
    const text = this.text(index);
    return `'${text.length > 24 ? `${text.slice(0, 24)}…` : text}'`;
  }

  private fail(message: string, offset = this.start(), resumeHere = false): never {
    throw new ParseError(message, offset, resumeHere);
  }

  private unexpected(expected: string): never {
    if (this.typeAt(this.pos) === T.Invalid) this.fail(this.tk.invalid.get(this.pos) ?? 'invalid token');
    this.fail(`expected ${expected}, found ${this.describe()}`);
  }

  private expect(type: T, what: string): number {
    if (this.peek() !== type) this.unexpected(what);
    return this.pos++;
  }

  private isIdent(word: string, index = this.pos): boolean {
    return (
      this.typeAt(index) === T.Ident &&
      this.end(index) - this.start(index) === word.length &&
      this.src.startsWith(word, this.start(index))
    );
  }

  private atLineStart(index: number): boolean {
    const s = this.start(index);
    return s === 0 || this.src.charCodeAt(s - 1) === 10;
  }

  addError(message: string, offset: number): void {
    this.lineStarts ??= lineStartsOf(this.src);
    const { line, column } = lineColumn(this.lineStarts, offset);
    this.errors.push({ message, offset, line, column });
  }

  // ---- bodies ----

  parseFile(): Body {
    const body: Body = { start: 0, end: this.src.length, attributes: [], blocks: [] };
    for (;;) {
      this.nl = 0;
      this.depth = 0;
      this.heredocIndent = [];
      const type = this.peek();
      if (type === T.Newline) {
        this.pos++;
        continue;
      }
      if (type === T.EOF) break;
      try {
        this.parseItem(body, false);
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        this.addError(error.message, error.offset);
        this.recover(error.resumeHere);
      }
    }
    // Invalid tokens after EOF-adjacent positions (unclosed templates) are reported by the parse that hit them.
    return body;
  }

  /** Skips to the next identifier that starts a line (the next top-level block or attribute). */
  private recover(resumeHere: boolean): void {
    const types = this.tk.types;
    if (!resumeHere && types[this.pos] !== T.EOF) this.pos++;
    while (types[this.pos] !== T.EOF) {
      if (types[this.pos] === T.Ident && this.atLineStart(this.pos)) return;
      this.pos++;
    }
  }

  /** An attribute or block; `nested` inside a block (a `}` may end the line). */
  private parseItem(body: Body, nested: boolean): void {
    if (this.typeAt(this.pos) !== T.Ident) {
      if (this.typeAt(this.pos) === T.RBrace && !nested) this.fail("unexpected '}' (no block to close)");
      this.unexpected('an attribute or block');
    }
    const nameIndex = this.pos;
    const name = this.text(nameIndex);
    const next = this.typeAt(this.pos + 1);
    if (next === T.Equal) {
      this.pos += 2;
      const expr = this.parseExpr();
      const attribute: Attribute = {
        name,
        start: this.start(nameIndex),
        end: expr.end,
        nameStart: this.start(nameIndex),
        nameEnd: this.end(nameIndex),
        expr,
      };
      this.endOfItem(nested, 'after the attribute value');
      body.attributes.push(attribute);
      return;
    }
    if (
      nested &&
      TOP_LEVEL.has(name) &&
      this.atLineStart(nameIndex) &&
      (next === T.OQuote || next === T.LBrace || next === T.Ident)
    )
      this.fail(`missing '}' before this '${name}' block`, this.start(nameIndex), true);
    this.pos++;
    const labels: BlockLabel[] = [];
    for (;;) {
      const type = this.typeAt(this.pos);
      if (type === T.LBrace) break;
      if (type === T.Ident) {
        labels.push({ value: this.text(), quoted: false, start: this.start(), end: this.end() });
        this.pos++;
        continue;
      }
      if (type === T.OQuote) {
        const open = this.pos;
        const expr = this.parseTemplate(false);
        if (expr.type !== 'literal' || typeof expr.value !== 'string')
          this.fail('a block label must be a plain string (no interpolation)', this.start(open));
        labels.push({ value: expr.value, quoted: true, start: expr.start, end: expr.end });
        continue;
      }
      if (type === T.Equal) this.unexpected('a block');
      this.unexpected(labels.length === 0 ? "'=' or a block" : "a block label or '{'");
    }
    const openBrace = this.start();
    this.pos++;
    if (++this.depth > MAX_DEPTH) this.fail('blocks nested too deeply');
    const inner: Body = { start: openBrace + 1, end: openBrace + 1, attributes: [], blocks: [] };
    for (;;) {
      const type = this.typeAt(this.pos);
      if (type === T.Newline) {
        this.pos++;
        continue;
      }
      if (type === T.RBrace) break;
      if (type === T.EOF)
        this.fail(`missing '}' for the '${name}' block opened on line ${this.lineOf(openBrace)}`, openBrace);
      this.parseItem(inner, true);
    }
    this.depth--;
    inner.end = this.start();
    const close = this.pos++;
    const block: Block = {
      type: name,
      labels,
      body: inner,
      start: this.start(nameIndex),
      end: this.end(close),
      openBrace,
    };
    this.endOfItem(nested, "after the block's '}'");
    body.blocks.push(block);
  }

  private lineOf(offset: number): number {
    this.lineStarts ??= lineStartsOf(this.src);
    return lineColumn(this.lineStarts, offset).line;
  }

  private endOfItem(nested: boolean, where: string): void {
    const type = this.typeAt(this.pos);
    if (type === T.Newline) {
      this.pos++;
      return;
    }
    if (type === T.EOF || (nested && type === T.RBrace)) return;
    this.unexpected(`a newline ${where}`);
  }

  // ---- expressions ----

  parseExpr(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail('expression nested too deeply');
    const cond = this.parseBinary(1);
    let result = cond;
    if (this.peek() === T.Question) {
      this.pos++;
      const then = this.parseExpr();
      this.expect(T.Colon, "':' of the conditional");
      const otherwise = this.parseExpr();
      result = { type: 'conditional', cond, then, else: otherwise, start: cond.start, end: otherwise.end };
    }
    this.depth--;
    return result;
  }

  private parseBinary(min: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      const type = this.peek();
      const prec = PRECEDENCE[type];
      if (prec === undefined || prec < min) return left;
      this.pos++;
      const right = this.parseBinary(prec + 1);
      left = { type: 'binary', op: OPERATOR[type]!, left, right, start: left.start, end: right.end };
    }
  }

  private parseUnary(): Expr {
    const type = this.peek();
    if (type === T.Bang || type === T.Minus) {
      const start = this.start();
      this.pos++;
      if (++this.depth > MAX_DEPTH) this.fail('expression nested too deeply');
      const operand = this.parseUnary();
      this.depth--;
      if (type === T.Minus && operand.type === 'literal' && typeof operand.value === 'number')
        return { type: 'literal', value: -operand.value, start, end: operand.end };
      return { type: 'unary', op: type === T.Bang ? '!' : '-', operand, start, end: operand.end };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePrimary(): Expr {
    const type = this.peek();
    const start = this.start();
    switch (type) {
      case T.Number: {
        const value = Number(this.text());
        this.pos++;
        return { type: 'literal', value, start, end: this.end(this.pos - 1) };
      }
      case T.Ident: {
        const name = this.text();
        const next = this.typeAt(this.pos + 1);
        if (next === T.LParen || next === T.DoubleColon) return this.parseCall();
        this.pos++;
        const end = this.end(this.pos - 1);
        if (name === 'true') return { type: 'literal', value: true, start, end };
        if (name === 'false') return { type: 'literal', value: false, start, end };
        if (name === 'null') return { type: 'literal', value: null, start, end };
        return { type: 'variable', name, start, end };
      }
      case T.OQuote:
        return this.parseTemplate(false);
      case T.OHeredoc:
        return this.parseTemplate(true);
      case T.LBrack:
        return this.parseTuple();
      case T.LBrace:
        return this.parseObject();
      case T.LParen: {
        this.pos++;
        this.nl++;
        const expr = this.parseExpr();
        this.peek();
        this.nl--;
        const close = this.expect(T.RParen, "')'");
        return { type: 'paren', expr, start, end: this.end(close) };
      }
      default:
        return this.unexpected('an expression');
    }
  }

  private parseCall(): Expr {
    const start = this.start();
    let name = this.text();
    this.pos++;
    while (this.typeAt(this.pos) === T.DoubleColon) {
      this.pos++;
      if (this.typeAt(this.pos) !== T.Ident) this.unexpected("a function name after '::'");
      name += `::${this.text()}`;
      this.pos++;
    }
    if (this.typeAt(this.pos) !== T.LParen) this.unexpected(`'(' after the function name ${name}`);
    this.pos++;
    this.nl++;
    const args: Expr[] = [];
    let expand = false;
    for (;;) {
      if (this.peek() === T.RParen) break;
      args.push(this.parseExpr());
      const type = this.peek();
      if (type === T.Ellipsis) {
        expand = true;
        this.pos++;
        if (this.peek() === T.Comma) this.pos++;
        if (this.peek() !== T.RParen) this.unexpected("')' after the expanded argument '...'");
        break;
      }
      if (type === T.Comma) {
        this.pos++;
        continue;
      }
      if (type !== T.RParen) this.unexpected(`',' or ')' in the arguments of ${name}()`);
    }
    this.nl--;
    const close = this.pos++;
    return { type: 'call', name, args, expand, start, end: this.end(close) };
  }

  private parsePostfix(expr: Expr): Expr {
    for (;;) {
      const type = this.peek();
      if (type === T.Dot) {
        const next = this.typeAt(this.pos + 1);
        if (next === T.Ident) {
          this.pos += 2;
          expr = {
            type: 'getattr',
            object: expr,
            name: this.text(this.pos - 1),
            start: expr.start,
            end: this.end(this.pos - 1),
          };
          continue;
        }
        if (next === T.Number) {
          this.pos += 2;
          const key: Expr = {
            type: 'literal',
            value: Number(this.text(this.pos - 1)),
            start: this.start(this.pos - 1),
            end: this.end(this.pos - 1),
          };
          expr = { type: 'index', object: expr, key, legacy: true, start: expr.start, end: key.end };
          continue;
        }
        if (next === T.Star) {
          this.pos += 2;
          expr = this.parseSplat(expr, false, this.end(this.pos - 1));
          continue;
        }
        this.pos++;
        this.unexpected("an attribute name after '.'");
      }
      if (type === T.LBrack) {
        if (this.typeAt(this.pos + 1) === T.Star && this.typeAt(this.pos + 2) === T.RBrack) {
          this.pos += 3;
          expr = this.parseSplat(expr, true, this.end(this.pos - 1));
          continue;
        }
        this.pos++;
        this.nl++;
        const key = this.parseExpr();
        this.peek();
        this.nl--;
        const close = this.expect(T.RBrack, "']'");
        expr = { type: 'index', object: expr, key, legacy: false, start: expr.start, end: this.end(close) };
        continue;
      }
      return expr;
    }
  }

  private parseSplat(object: Expr, full: boolean, end: number): Expr {
    const steps: Step[] = [];
    for (;;) {
      const type = this.peek();
      if (type === T.Dot) {
        const next = this.typeAt(this.pos + 1);
        if (next === T.Ident) {
          steps.push({
            kind: 'attr',
            name: this.text(this.pos + 1),
            start: this.start(),
            end: this.end(this.pos + 1),
          });
          this.pos += 2;
          end = this.end(this.pos - 1);
          continue;
        }
        if (next === T.Number) {
          const key: Expr = {
            type: 'literal',
            value: Number(this.text(this.pos + 1)),
            start: this.start(this.pos + 1),
            end: this.end(this.pos + 1),
          };
          steps.push({ kind: 'index', key, start: this.start(), end: key.end });
          this.pos += 2;
          end = key.end;
          continue;
        }
        break;
      }
      if (full && type === T.LBrack && this.typeAt(this.pos + 1) !== T.Star) {
        const open = this.start();
        this.pos++;
        this.nl++;
        const key = this.parseExpr();
        this.peek();
        this.nl--;
        const close = this.expect(T.RBrack, "']'");
        steps.push({ kind: 'index', key, start: open, end: this.end(close) });
        end = this.end(close);
        continue;
      }
      break;
    }
    return { type: 'splat', object, steps, full, start: object.start, end };
  }

  private startsFor(): boolean {
    if (!this.isIdent('for')) return false;
    let next = this.pos + 1;
    while (this.typeAt(next) === T.Newline) next++;
    return this.typeAt(next) === T.Ident;
  }

  private parseTuple(): Expr {
    const start = this.start();
    this.pos++;
    this.nl++;
    this.peek();
    if (this.startsFor()) return this.parseFor(start, false);
    const items: Expr[] = [];
    for (;;) {
      if (this.peek() === T.RBrack) break;
      items.push(this.parseExpr());
      const type = this.peek();
      if (type === T.Comma) {
        this.pos++;
        continue;
      }
      if (type !== T.RBrack) this.unexpected("',' or ']'");
    }
    this.nl--;
    const close = this.pos++;
    return { type: 'tuple', items, start, end: this.end(close) };
  }

  private parseObject(): Expr {
    const start = this.start();
    this.pos++;
    this.nl++;
    this.peek();
    if (this.startsFor()) return this.parseFor(start, true);
    const items: ObjectItem[] = [];
    for (;;) {
      if (this.peek() === T.RBrace) break;
      let key: Expr;
      const next = this.typeAt(this.pos + 1);
      if (this.typeAt(this.pos) === T.Ident && (next === T.Equal || next === T.Colon)) {
        key = { type: 'literal', value: this.text(), start: this.start(), end: this.end() };
        this.pos++;
      } else {
        key = this.parseExpr();
        if (key.type === 'variable')
          key = { type: 'literal', value: key.name, start: key.start, end: key.end };
      }
      const type = this.peek();
      // `key { ... }` (a block written inside an object) is not valid HCL, but some tools accept it: read it
      // as `key = { ... }`.
      if (type === T.LBrace && key.type === 'literal' && typeof key.value === 'string') {
        const value = this.parseObject();
        items.push({ key, value, start: key.start, end: value.end });
        if (this.peek() === T.Comma) this.pos++;
        continue;
      }
      if (type !== T.Equal && type !== T.Colon) this.unexpected("'=' or ':' after the object key");
      this.pos++;
      const value = this.parseExpr();
      items.push({ key, value, start: key.start, end: value.end });
      if (this.peek() === T.Comma) this.pos++;
    }
    this.nl--;
    const close = this.pos++;
    return { type: 'object', items, start, end: this.end(close) };
  }

  /** After `[` or `{`; the current token is `for`. */
  private parseFor(start: number, object: boolean): Expr {
    this.pos++;
    let keyVar: string | undefined;
    let valueVar = this.text(this.expect(T.Ident, 'an iterator name'));
    if (this.peek() === T.Comma) {
      this.pos++;
      keyVar = valueVar;
      valueVar = this.text(this.expect(T.Ident, 'an iterator name'));
    }
    this.peek();
    if (!this.isIdent('in')) this.unexpected("'in'");
    this.pos++;
    const collection = this.parseExpr();
    this.expect(T.Colon, "':' in the for expression");
    let key: Expr | undefined;
    let value = this.parseExpr();
    let grouping = false;
    if (object) {
      this.expect(T.FatArrow, "'=>' in the object for expression");
      key = value;
      value = this.parseExpr();
      if (this.peek() === T.Ellipsis) {
        grouping = true;
        this.pos++;
      }
    }
    let cond: Expr | undefined;
    this.peek();
    if (this.isIdent('if')) {
      this.pos++;
      cond = this.parseExpr();
    }
    this.peek();
    this.nl--;
    const close = this.expect(object ? T.RBrace : T.RBrack, object ? "'}'" : "']'");
    return {
      type: 'for',
      keyVar,
      valueVar,
      collection,
      key,
      value,
      cond,
      grouping,
      start,
      end: this.end(close),
    };
  }

  // ---- templates ----

  private parseTemplate(heredoc: boolean): Expr {
    const open = this.pos;
    const start = this.start();
    const indented = heredoc && this.src.charCodeAt(start + 2) === 45;
    this.pos++;
    const savedNl = this.nl;
    this.nl = 0;
    this.stripNext = false;
    if (heredoc) this.heredocIndent.push(indented ? this.heredocMinIndent(open) : 0);
    const { parts, closer } = this.parseTemplateParts(heredoc ? T.CHeredoc : T.CQuote, false);
    if (closer !== undefined) this.fail(`unexpected %{ ${closer} }`);
    if (heredoc) this.heredocIndent.pop();
    this.nl = savedNl;
    const close = this.pos++;
    const end = this.end(close);
    if (parts.length === 0) return { type: 'literal', value: '', start, end };
    if (parts.length === 1 && parts[0]!.kind === 'text')
      return { type: 'literal', value: parts[0]!.value, start, end };
    return { type: 'template', parts, heredoc, start, end };
  }

  /** The common indentation of a `<<-` heredoc's lines (blank lines and the closing line excluded). */
  private heredocMinIndent(open: number): number {
    let min = Infinity;
    let depth = 0;
    const types = this.tk.types;
    for (let k = open + 1; k < this.tk.count; k++) {
      const type = types[k];
      if (type === T.OHeredoc) depth++;
      else if (type === T.CHeredoc) {
        if (depth === 0) break;
        depth--;
      } else if (type === T.EOF) break;
      if (depth !== 0 || !this.atLineStart(k)) continue;
      if (type === T.StringLit) {
        const s = this.start(k);
        const e = this.end(k);
        let i = s;
        while (i < e && (this.src.charCodeAt(i) === 32 || this.src.charCodeAt(i) === 9)) i++;
        if (i >= e || this.src.charCodeAt(i) === 10 || this.src.charCodeAt(i) === 13) continue; // blank line
        min = Math.min(min, i - s);
      } else min = 0;
    }
    return min === Infinity ? 0 : min;
  }

  private parseTemplateParts(
    close: T,
    inDirective: boolean,
  ): { parts: TemplatePart[]; closer: string | undefined } {
    const parts: TemplatePart[] = [];
    for (;;) {
      const type = this.typeAt(this.pos);
      if (type === close) return { parts, closer: undefined };
      switch (type) {
        case T.QuotedLit:
        case T.StringLit: {
          this.pushText(
            parts,
            type === T.QuotedLit ? this.unescape(this.pos) : this.heredocText(this.pos),
            this.start(),
            this.end(),
          );
          this.pos++;
          continue;
        }
        case T.TemplateInterp: {
          const start = this.start();
          this.stripLeft(parts);
          this.pos++;
          this.nl++;
          const expr = this.parseExpr();
          this.peek();
          this.nl--;
          const end = this.endSequence();
          parts.push({ kind: 'interp', expr, start, end });
          continue;
        }
        case T.TemplateControl: {
          const start = this.start();
          this.stripLeft(parts);
          this.pos++;
          this.nl++;
          this.peek();
          if (this.isIdent('if')) {
            this.pos++;
            const cond = this.parseExpr();
            this.peek();
            this.nl--;
            this.endSequence();
            const then = this.parseTemplateParts(close, true);
            let otherwise: TemplatePart[] | undefined;
            let closer = then.closer;
            if (closer === 'else') {
              const rest = this.parseTemplateParts(close, true);
              otherwise = rest.parts;
              closer = rest.closer;
            }
            if (closer !== 'endif') this.fail(`missing %{ endif } for the %{ if } here`, start);
            parts.push({
              kind: 'if',
              cond,
              then: then.parts,
              else: otherwise,
              start,
              end: this.end(this.pos - 1),
            });
            continue;
          }
          if (this.isIdent('for')) {
            this.pos++;
            let keyVar: string | undefined;
            let valueVar = this.text(this.expect(T.Ident, 'an iterator name'));
            if (this.peek() === T.Comma) {
              this.pos++;
              keyVar = valueVar;
              valueVar = this.text(this.expect(T.Ident, 'an iterator name'));
            }
            this.peek();
            if (!this.isIdent('in')) this.unexpected("'in'");
            this.pos++;
            const collection = this.parseExpr();
            this.peek();
            this.nl--;
            this.endSequence();
            const body = this.parseTemplateParts(close, true);
            if (body.closer !== 'endfor') this.fail(`missing %{ endfor } for the %{ for } here`, start);
            parts.push({
              kind: 'for',
              keyVar,
              valueVar,
              collection,
              body: body.parts,
              start,
              end: this.end(this.pos - 1),
            });
            continue;
          }
          for (const word of ['else', 'endif', 'endfor']) {
            if (!this.isIdent(word)) continue;
            if (!inDirective) this.fail(`unexpected %{ ${word} }`, start);
            this.pos++;
            this.peek();
            this.nl--;
            this.endSequence();
            return { parts, closer: word };
          }
          return this.unexpected("'if', 'for', 'else', 'endif' or 'endfor' after '%{'");
        }
        case T.Invalid:
          this.fail(this.tk.invalid.get(this.pos) ?? 'invalid token');
          break;
        default:
          this.unexpected(close === T.CHeredoc ? 'the end of the heredoc' : 'the closing quote');
      }
    }
  }

  private endSequence(): number {
    if (this.typeAt(this.pos) !== T.TemplateSeqEnd) this.unexpected("'}' closing the template sequence");
    const index = this.pos++;
    this.stripNext = this.end(index) - this.start(index) === 2;
    return this.end(index);
  }

  private stripLeft(parts: TemplatePart[]): void {
    this.stripNext = false;
    if (this.end() - this.start() !== 3) return;
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') {
      last.value = last.value.trimEnd();
      if (last.value === '') parts.pop();
    }
  }

  private pushText(parts: TemplatePart[], value: string, start: number, end: number): void {
    if (this.stripNext) {
      value = value.trimStart();
      this.stripNext = false;
    }
    if (value === '') return;
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') {
      last.value += value;
      last.end = end;
    } else parts.push({ kind: 'text', value, start, end });
  }

  private heredocText(index: number): string {
    let s = this.start(index);
    const e = this.end(index);
    const indent = this.heredocIndent[this.heredocIndent.length - 1] ?? 0;
    if (indent > 0 && this.atLineStart(index)) {
      let removed = 0;
      while (removed < indent && s < e && (this.src.charCodeAt(s) === 32 || this.src.charCodeAt(s) === 9)) {
        s++;
        removed++;
      }
    }
    let text = this.src.slice(s, e);
    if (text.endsWith('\r\n')) text = `${text.slice(0, -2)}\n`;
    if (text.includes('${') || text.includes('%{'))
      text = text.replaceAll('$${', '${').replaceAll('%%{', '%{');
    return text;
  }

  private unescape(index: number): string {
    const s = this.start(index);
    const e = this.end(index);
    const src = this.src;
    let hasSpecial = false;
    for (let i = s; i < e; i++) {
      const c = src.charCodeAt(i);
      if (c === 92 || c === 36 || c === 37) {
        hasSpecial = true;
        break;
      }
    }
    if (!hasSpecial) return src.slice(s, e);
    let out = '';
    let i = s;
    while (i < e) {
      const c = src.charCodeAt(i);
      if (c === 92) {
        const d = src[i + 1];
        switch (d) {
          case 'n':
            out += '\n';
            i += 2;
            continue;
          case 'r':
            out += '\r';
            i += 2;
            continue;
          case 't':
            out += '\t';
            i += 2;
            continue;
          case '"':
            out += '"';
            i += 2;
            continue;
          case '\\':
            out += '\\';
            i += 2;
            continue;
          case 'u':
          case 'U': {
            const length = d === 'u' ? 4 : 8;
            const code = hex(src, i + 2, length);
            if (code === undefined || code > 0x10ffff)
              this.fail(`invalid escape: \\${d} needs ${length} hex digits`, i);
            out += String.fromCodePoint(code);
            i += 2 + length;
            continue;
          }
          default:
            this.fail(`invalid escape sequence '\\${d ?? ''}' in a string`, i);
        }
      }
      if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === c && src.charCodeAt(i + 2) === 123) {
        out += src[i]! + '{';
        i += 3;
        continue;
      }
      out += src[i]!;
      i++;
    }
    return out;
  }
}

/** Parses a `.tf` or `.tfvars` file. Never throws: syntax errors are returned with their line. */
export function parseHcl(src: string): HclFile {
  const tokens = tokenize(src);
  const parser = new Parser(src, tokens);
  let body: Body;
  try {
    body = parser.parseFile();
  } catch (error) {
    // Only a stack overflow on pathological input gets here.
    parser.addError(`cannot parse: ${error instanceof Error ? error.message : String(error)}`, 0);
    body = { start: 0, end: src.length, attributes: [], blocks: [] };
  }
  return { body, errors: parser.errors };
}

/** Parses a single expression (for tests and tools); errors are returned like `parseHcl`'s. */
export function parseHclExpression(src: string): { expr: Expr | undefined; errors: HclSyntaxError[] } {
  const file = parseHcl(`x = ${src}\n`);
  const attribute = file.body.attributes[0];
  const errors = file.errors.map((e) => ({
    ...e,
    offset: e.offset - 4,
    column: e.line === 1 ? e.column - 4 : e.column,
  }));
  return { expr: attribute ? shift(attribute.expr, -4) : undefined, errors };
}

function shift<N extends object>(node: N, delta: number): N {
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.start === 'number') record.start += delta;
    if (typeof record.end === 'number') record.end += delta;
    for (const key of Object.keys(record)) if (key !== 'start' && key !== 'end') visit(record[key]);
  };
  visit(node);
  return node;
}
