import { parseSync } from 'oxc-parser';
import type { Node } from './ast.js';

export interface ParsedFile {
  path: string;
  /** The file's full text; every node offset indexes it (script blocks of .vue/.svelte keep their offsets). */
  text: string;
  program: Node;
  /** Comments, for `// rampart-ignore` handled by core and for directive checks like `'use server'`. */
  comments: readonly { type: string; value: string; start: number; end: number }[];
}

export class ParseError extends Error {
  constructor(
    message: string,
    readonly offset: number | undefined,
  ) {
    super(message);
    this.name = 'ParseError';
  }
}

const SCRIPT_FILE = /\.(?:vue|svelte)$/;

/** The language oxc should parse a path as. */
function languageOf(path: string): 'js' | 'jsx' | 'ts' | 'tsx' {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'ts' || ext === 'mts' || ext === 'cts') return 'ts';
  if (ext === 'tsx') return 'tsx';
  if (ext === 'jsx') return 'jsx';
  // Plain .js often holds JSX (React projects); the JSX grammar is a superset for parsing purposes.
  return 'jsx';
}

/**
 * For .vue and .svelte files: the text with everything outside `<script>` blocks blanked (newlines kept),
 * so offsets, lines and columns of the script stay those of the original file. Returns the language of
 * the first script block (`lang="ts"`).
 */
export function extractScripts(text: string): { code: string; lang: 'ts' | 'jsx' } {
  const out = text.replace(/[^\n]/g, ' ').split('');
  let lang: 'ts' | 'jsx' = 'jsx';
  let from = 0;
  for (;;) {
    const open = text.indexOf('<script', from);
    if (open === -1) break;
    const tagEnd = text.indexOf('>', open);
    if (tagEnd === -1) break;
    const tag = text.slice(open, tagEnd);
    if (/\blang=["']?ts/.test(tag)) lang = 'ts';
    const close = text.indexOf('</script>', tagEnd);
    const end = close === -1 ? text.length : close;
    for (let i = tagEnd + 1; i < end; i++) out[i] = text[i]!;
    from = end;
  }
  return { code: out.join(''), lang };
}

/**
 * Parses one file into an ESTree program. Throws ParseError (with the offset of the first error) when
 * the file has syntax errors; the caller reports it and goes on with the other files.
 */
export function parseFile(path: string, text: string): ParsedFile {
  let code = text;
  let lang = languageOf(path);
  if (SCRIPT_FILE.test(path)) {
    const scripts = extractScripts(text);
    code = scripts.code;
    lang = scripts.lang;
  }
  const sourceType = /\.c[jt]s$/.test(path) ? 'commonjs' : 'unambiguous';
  let result = parseSync(path, code, { lang, sourceType, preserveParens: false, range: false });
  if (result.errors.length > 0 && sourceType === 'unambiguous' && /\.[jt]sx?$/.test(path)) {
    // CommonJS allows a top-level `return`.
    const retry = parseSync(path, code, {
      lang,
      sourceType: 'commonjs',
      preserveParens: false,
      range: false,
    });
    if (retry.errors.length === 0) result = retry;
  }
  if (result.errors.length > 0 && lang === 'jsx' && /\.js$/.test(path)) {
    // A .js file may be Flow-free plain JS that confuses the JSX grammar (`a < b > c`): retry as JS.
    const retry = parseSync(path, code, { lang: 'js', sourceType, preserveParens: false, range: false });
    if (retry.errors.length === 0) result = retry;
  }
  const first = result.errors[0];
  if (first) {
    const offset = first.labels[0]?.start;
    throw new ParseError(first.message, offset);
  }
  return {
    path,
    text,
    program: result.program as unknown as Node,
    comments: result.comments,
  };
}
