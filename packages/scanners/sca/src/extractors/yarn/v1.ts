/**
 * A reader for the yarn v1 lockfile format, which is yarn's own, not YAML:
 *
 *     # yarn lockfile v1
 *
 *     "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
 *       version "7.12.13"
 *       resolved "https://registry.yarnpkg.com/@babel/code-frame/-/code-frame-7.12.13.tgz#dcfc…"
 *       dependencies:
 *         "@babel/highlight" "^7.12.13"
 *
 * Each top-level block is an entry, headed by the comma-separated specs it satisfies. Inside, a line is
 * `key value` or `key:` opening a nested block, indented two spaces per level. Keys and values are bare
 * words or JSON-style double-quoted strings; `#` starts a comment line.
 */
import { ExtractError } from '../../model.js';
import { setOwn } from '../npm/shared.js';
import type { YarnObject } from './schema.js';

export interface V1Block {
  /** The specs heading the block (`name@range`), as written without quotes. */
  keys: string[];
  fields: YarnObject;
  /** 1-based line of the header. */
  line: number;
  /** Offsets of the header's first character and of the end of the block's last line. */
  start: number;
  end: number;
}

type Token = { kind: 'word'; value: string } | { kind: 'colon' } | { kind: 'comma' };

export function parseYarnV1(text: string): V1Block[] {
  const blocks: V1Block[] = [];
  // Open objects, innermost last, with the indentation of the line that opened them.
  const stack: Array<{ indent: number; object: YarnObject }> = [];
  let current: V1Block | undefined;
  let lineNumber = 0;
  let offset = 0;
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline;
    const raw = text.slice(offset, lineEnd).replace(/\r$/, '');
    const lineStart = offset;
    offset = lineEnd + 1;
    lineNumber++;

    let indent = 0;
    while (raw.charCodeAt(indent) === 0x20) indent++;
    const content = raw.slice(indent);
    if (content === '' || content.startsWith('#')) continue;
    if (content.startsWith('\t')) throw new ExtractError('tabs are not allowed in indentation', lineNumber);

    const tokens = tokenize(content, lineNumber);
    const header = tokens.length > 0 && tokens[tokens.length - 1]?.kind === 'colon';
    if (indent === 0) {
      if (!header) {
        throw new ExtractError('expected an entry header such as `name@range:`', lineNumber);
      }
      const keys = headerKeys(tokens.slice(0, -1), lineNumber);
      current = { keys, fields: {}, line: lineNumber, start: lineStart, end: lineStart + raw.length };
      blocks.push(current);
      stack.length = 0;
      stack.push({ indent: 0, object: current.fields });
      continue;
    }
    if (!current) throw new ExtractError('indented line outside an entry', lineNumber);
    while (stack.length > 1 && (stack[stack.length - 1] as { indent: number }).indent >= indent) stack.pop();
    const parent = stack[stack.length - 1] as { indent: number; object: YarnObject };
    if (parent.indent >= indent) throw new ExtractError('unexpected indentation', lineNumber);
    current.end = lineStart + raw.length;
    if (header) {
      const keys = headerKeys(tokens.slice(0, -1), lineNumber);
      const child: YarnObject = {};
      for (const key of keys) setOwn(parent.object, key, child);
      stack.push({ indent, object: child });
      continue;
    }
    const [first, second, third] = tokens;
    if (tokens.length === 2 && first?.kind === 'word' && second?.kind === 'word') {
      setOwn(parent.object, first.value, second.value);
    } else if (
      tokens.length === 3 &&
      first?.kind === 'word' &&
      second?.kind === 'colon' &&
      third?.kind === 'word'
    ) {
      setOwn(parent.object, first.value, third.value); // `key: value`, as a hand edit may write it
    } else {
      throw new ExtractError('expected `key value` or `key:`', lineNumber);
    }
  }
  return blocks;
}

/** `a, "b", c` → the words; anything else is an error. */
function headerKeys(tokens: Token[], line: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const expectWord = i % 2 === 0;
    if (expectWord && token.kind === 'word') keys.push(token.value);
    else if (!expectWord && token.kind === 'comma') continue;
    else throw new ExtractError('malformed key list', line);
  }
  if (keys.length === 0 || tokens.length % 2 === 0) throw new ExtractError('malformed key list', line);
  return keys;
}

function tokenize(content: string, line: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < content.length) {
    const c = content[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === ',') {
      tokens.push({ kind: 'comma' });
      i++;
    } else if (c === ':') {
      tokens.push({ kind: 'colon' });
      i++;
    } else if (c === '"') {
      const [value, next] = quoted(content, i, line);
      tokens.push({ kind: 'word', value });
      i = next;
    } else {
      // A bare word runs to a space, a comma, or a colon that ends the word (followed by a space or
      // the end of the line); a colon inside, as in `npm:1.0.0`, is part of it.
      let end = i;
      while (end < content.length) {
        const d = content[end];
        if (d === ' ' || d === '\t' || d === ',') break;
        if (d === ':' && (end + 1 === content.length || content[end + 1] === ' ')) break;
        end++;
      }
      tokens.push({ kind: 'word', value: content.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

/** A double-quoted string starting at `start`: its value and the index after the closing quote. */
function quoted(content: string, start: number, line: number): [string, number] {
  let i = start + 1;
  while (i < content.length && content[i] !== '"') i += content[i] === '\\' ? 2 : 1;
  if (i >= content.length) throw new ExtractError('unterminated string', line);
  const literal = content.slice(start, i + 1);
  try {
    return [JSON.parse(literal) as string, i + 1];
  } catch {
    throw new ExtractError('invalid escape in a string', line);
  }
}
