/**
 * TOML helpers shared by the TOML lockfile extractors of the Python family (poetry.lock, pdm.lock,
 * uv.lock): parsing with a line-numbered ExtractError, and the text spans of `[[package]]` entries.
 */
import { parse, TomlError } from 'smol-toml';
import { ExtractError, lineAt } from '../../model.js';
import { validateShape } from '../validate.js';

/** Parse TOML, turning a syntax error into an ExtractError with the line. */
export function parseToml(text: string, what: string): Record<string, unknown> {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.replace(/^Invalid TOML document: /, '').split('\n')[0] ?? '';
      throw new ExtractError(`invalid TOML in ${what}: ${reason}`, error.line);
    }
    throw new ExtractError(
      `invalid TOML in ${what}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Check a parsed lockfile against its schema (`validateShape`); an error in the N-th `[[package]]`
 * gets that entry's line.
 */
export function validateLock<T>(
  schema: object,
  data: Record<string, unknown>,
  what: string,
  text: string,
): T {
  try {
    return validateShape<T>(schema, data, what);
  } catch (error) {
    const index = error instanceof ExtractError ? /: package\.(\d+)/.exec(error.message)?.[1] : undefined;
    if (!(error instanceof ExtractError) || index === undefined || !Array.isArray(data.package)) throw error;
    const span = tableArraySpans(text, 'package', data.package.length)?.[Number(index)];
    throw span ? new ExtractError(error.message, lineAt(text, span.start)) : error;
  }
}

/**
 * Offsets of each `[[<table>]]` entry, in order: from its header to the end of its last non-blank line
 * before the next header that is not one of its sub-tables (`[<table>.dependencies]`). Returns undefined
 * when the count does not match `expected` (an inline `package = [...]` array, or an unusual layout), so
 * callers never attach a wrong span.
 */
export function tableArraySpans(text: string, table: string, expected: number): Span[] | undefined {
  const spans: Span[] = [];
  let open: Span | undefined;
  let lastContentEnd = 0;
  let inMultiline: string | undefined;
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const end = lineEnd > pos && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const line = text.slice(pos, end);
    const header = inMultiline ? undefined : headerName(line);
    if (header !== undefined) {
      const isEntry = header.array && header.name === table;
      const isChild = header.name.startsWith(`${table}.`);
      if (isEntry || !isChild) {
        if (open) {
          open.end = Math.max(open.start, lastContentEnd);
          spans.push(open);
          open = undefined;
        }
        if (isEntry) open = { start: pos, end: end };
      }
    }
    if (line.trim() !== '') lastContentEnd = end;
    inMultiline = multilineState(line, inMultiline);
    if (nl === -1) break;
    pos = nl + 1;
  }
  if (open) {
    open.end = Math.max(open.start, lastContentEnd);
    spans.push(open);
  }
  return spans.length === expected ? spans : undefined;
}

function headerName(line: string): { name: string; array: boolean } | undefined {
  const m = /^[ \t]*(\[\[?)([^\]]*)\]/.exec(line);
  if (!m) return undefined;
  const name = (m[2] ?? '').replace(/[ \t"']/g, '');
  return { name, array: m[1] === '[[' };
}

/** Track whether a line leaves us inside a `"""` or `'''` string. */
function multilineState(line: string, inside: string | undefined): string | undefined {
  let state = inside;
  let i = 0;
  while (i < line.length) {
    if (state) {
      const close = line.indexOf(state, i);
      if (close === -1) return state;
      i = close + 3;
      state = undefined;
      continue;
    }
    const dq = line.indexOf('"""', i);
    const sq = line.indexOf("'''", i);
    const hash = line.indexOf('#', i);
    const candidates = [dq, sq].filter((n) => n !== -1);
    if (candidates.length === 0) return undefined;
    const first = Math.min(...candidates);
    if (hash !== -1 && hash < first && !insideQuotes(line.slice(0, hash))) return undefined;
    state = first === dq ? '"""' : "'''";
    i = first + 3;
  }
  return state;
}

/** Rough check that a position is inside a single-line string (an odd number of quotes before it). */
function insideQuotes(prefix: string): boolean {
  let dq = 0;
  let sq = 0;
  for (const ch of prefix) {
    if (ch === '"') dq++;
    else if (ch === "'") sq++;
  }
  return dq % 2 === 1 || sq % 2 === 1;
}
