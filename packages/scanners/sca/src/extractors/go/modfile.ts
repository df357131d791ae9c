/**
 * A small reader for go.mod syntax: splits the file into directives (one per line, block lines
 * included) with their arguments, trailing comment and offsets. It checks the syntax (blocks, strings,
 * comments) and each directive's argument count; what the directives mean is up to the caller.
 */
import { ExtractError } from '../../model.js';
import { checkArity, DIRECTIVE_ARITY, type Directive, type Token } from './schema.js';

interface LexToken extends Token {
  /** A `(` or `)` outside a string. */
  paren: boolean;
}

interface LexLine {
  line: number;
  tokens: LexToken[];
  comment: string;
  commentEnd: number;
}

export function parseModFile(text: string): Directive[] {
  const directives: Directive[] = [];
  let block: { verb: string; line: number } | undefined;
  for (const lex of lexLines(text)) {
    const { tokens, line } = lex;
    const first = tokens[0];
    if (!first) continue;
    if (block) {
      if (first.paren && first.text === ')') {
        if (tokens.length > 1)
          throw new ExtractError(`unexpected '${tokens[1]?.text ?? ''}' after ')'`, line);
        block = undefined;
        continue;
      }
      directives.push(toDirective(block.verb, tokens, lex));
      continue;
    }
    if (first.paren) throw new ExtractError(`unexpected '${first.text}'`, line);
    const second = tokens[1];
    if (second?.paren && second.text === '(') {
      const third = tokens[2];
      if (!DIRECTIVE_ARITY[first.text])
        throw new ExtractError(`unknown go.mod directive '${first.text}'`, line);
      if (!DIRECTIVE_ARITY[first.text]?.block)
        throw new ExtractError(`${first.text} cannot be a block`, line);
      if (third === undefined) block = { verb: first.text, line };
      else if (!(third.paren && third.text === ')' && tokens.length === 3)) {
        throw new ExtractError(`unexpected '${third.text}' after '${first.text} ('`, line);
      }
      continue;
    }
    directives.push(toDirective(first.text, tokens.slice(1), lex, first.start));
  }
  if (block) throw new ExtractError(`${block.verb} block opened here is never closed`, block.line);
  return directives;
}

function toDirective(verb: string, args: LexToken[], lex: LexLine, verbStart?: number): Directive {
  const paren = args.find((a) => a.paren);
  if (paren) throw new ExtractError(`unexpected '${paren.text}' in ${verb} directive`, lex.line);
  const last = args[args.length - 1];
  const start = verbStart ?? args[0]?.start ?? 0;
  const directive: Directive = {
    verb,
    args: args.map(({ text, start: s, end }) => ({ text, start: s, end })),
    comment: lex.comment,
    line: lex.line,
    start,
    end: Math.max(lex.commentEnd, last?.end ?? start),
  };
  checkArity(directive);
  return directive;
}

/** Split the file into lines of tokens. Strings and comments never span lines in go.mod. */
function* lexLines(text: string): Generator<LexLine> {
  let line = 1;
  let i = 0;
  while (i <= text.length) {
    const tokens: LexToken[] = [];
    let comment = '';
    let commentEnd = -1;
    while (i < text.length && text[i] !== '\n') {
      const c = text[i] ?? '';
      if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') {
        i++;
      } else if (c === '/' && text[i + 1] === '/') {
        const end = lineEnd(text, i);
        comment = text.slice(i + 2, end).trim();
        commentEnd = trimmedEnd(text, i, end);
        i = end;
      } else if (c === '/' && text[i + 1] === '*') {
        throw new ExtractError('go.mod files must use // comments, not /* */ comments', line);
      } else if (c === '(' || c === ')') {
        tokens.push({ text: c, start: i, end: i + 1, paren: true });
        i++;
      } else if (c === '"' || c === '`') {
        const end = closingQuote(text, i, line);
        tokens.push({ text: unquote(text.slice(i, end), line), start: i, end, paren: false });
        i = end;
      } else {
        const start = i;
        while (i < text.length && !endsWord(text, i)) i++;
        tokens.push({ text: text.slice(start, i), start, end: i, paren: false });
      }
    }
    yield { line, tokens, comment, commentEnd };
    i++;
    line++;
  }
}

function endsWord(text: string, i: number): boolean {
  const c = text[i];
  return (
    c === ' ' ||
    c === '\t' ||
    c === '\r' ||
    c === '\n' ||
    c === '(' ||
    c === ')' ||
    c === '"' ||
    c === '`' ||
    (c === '/' && text[i + 1] === '/')
  );
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
}

function trimmedEnd(text: string, from: number, end: number): number {
  let e = end;
  while (e > from && (text[e - 1] === '\r' || text[e - 1] === ' ' || text[e - 1] === '\t')) e--;
  return e;
}

/** Offset just past the string starting at `start`; the string must close on its line. */
function closingQuote(text: string, start: number, line: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') break;
    if (c === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (c === quote) return i + 1;
  }
  throw new ExtractError('unterminated string', line);
}

function unquote(literal: string, line: number): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    const value: unknown = JSON.parse(literal);
    if (typeof value === 'string') return value;
  } catch {
    // fall through
  }
  throw new ExtractError(`invalid quoted string ${literal}`, line);
}
