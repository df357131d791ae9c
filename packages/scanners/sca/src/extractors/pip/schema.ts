/**
 * The structure of a pip requirements file (https://pip.pypa.io/en/stable/reference/requirements-file-format/),
 * as far as the extractor reads it.
 *
 * - Physical lines ending in an unescaped `\` are joined with the next one (an escaped `\\` is a literal
 *   backslash); a line that is only a comment ends a continuation.
 * - `#` at the start of a line or after whitespace starts a comment, stripped after joining.
 * - A line is one of: an option (`-r file`, `-c file`, `-e url`, `-i url`, ...), a requirement
 *   (PEP 508, optionally followed by per-requirement options such as `--hash=...`), a URL or a local
 *   path/archive (no name to report unless it is a VCS URL with `#egg=name`).
 * - pip-compile annotates each requirement with the comment lines that follow it: `# via pkg` or
 *   `# via` then `#   pkg` / `#   -r requirements.in` lines (older pip-tools put `# via a, b` inline).
 */
import { ExtractError } from '../../model.js';
import { eggName, parseRequirement, pinnedVersion, vcsCommit } from './pep508.js';

/** One logical line: physical lines joined across continuations, comment not yet stripped. */
export interface LogicalLine {
  text: string;
  /** 1-based line of the first physical line. */
  line: number;
  /** Offsets of the first physical line's start and the last one's end (before the newline). */
  start: number;
  end: number;
  /** The line is only a comment (its text is the comment, without `#`). */
  comment: boolean;
}

export type ParsedLine =
  | { kind: 'blank' }
  | { kind: 'include'; constraint: boolean; target: string }
  | { kind: 'requirement'; name: string; version: string; commit?: string; via: string[] }
  /** A comment line; `via` is set for a pip-compile `# via ...` annotation (items may be empty). */
  | { kind: 'comment'; via?: string[]; item?: string }
  | { kind: 'ignored' };

/** Split text into logical lines. */
export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let pending: { parts: string[]; line: number; start: number; end: number } | undefined;
  let pos = 0;
  let lineNo = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const end = lineEnd > pos && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const raw = text.slice(pos, end);
    lineNo++;
    const comment = /^\s*#/.test(raw);
    if (comment) {
      if (pending) {
        const { parts, line, start, end: last } = pending;
        out.push({ text: parts.join(''), line, start, end: last, comment: false });
        pending = undefined;
      }
      out.push({ text: raw.slice(raw.indexOf('#') + 1), line: lineNo, start: pos, end, comment: true });
    } else if (trailingBackslashes(raw) % 2 === 1) {
      pending ??= { parts: [], line: lineNo, start: pos, end };
      pending.parts.push(raw.slice(0, -1));
      pending.end = end;
    } else if (pending) {
      pending.parts.push(raw);
      out.push({
        text: pending.parts.join(''),
        line: pending.line,
        start: pending.start,
        end,
        comment: false,
      });
      pending = undefined;
    } else {
      out.push({ text: raw, line: lineNo, start: pos, end, comment: false });
    }
    if (nl === -1) break;
    pos = nl + 1;
  }
  if (pending) {
    out.push({
      text: pending.parts.join(''),
      line: pending.line,
      start: pending.start,
      end: text.length,
      comment: false,
    });
  }
  return out;
}

function trailingBackslashes(s: string): number {
  let n = 0;
  while (n < s.length && s[s.length - 1 - n] === '\\') n++;
  return n;
}

/** Remove a trailing comment: `#` at the start or after whitespace. */
export function stripComment(text: string): string {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) return text.slice(0, i);
  }
  return text;
}

/** The comment text of a line (after the first `#` that starts a comment), or undefined. */
function trailingComment(text: string): string | undefined {
  const kept = stripComment(text);
  return kept.length === text.length ? undefined : text.slice(kept.length + 1);
}

const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const ARCHIVE = /\.(whl|zip|tar|tgz|tbz|txz|tar\.gz|tar\.bz2|tar\.xz)$/i;

/** Options that take a file argument and what they mean. */
const INCLUDE_OPTIONS: Record<string, boolean> = {
  '-r': false,
  '--requirement': false,
  '-c': true,
  '--constraint': true,
};
const EDITABLE_OPTIONS = new Set(['-e', '--editable']);

/** Classify one logical line. Throws ExtractError (with `line`) on a malformed requirement. */
export function parseLine(logical: LogicalLine, line: number | undefined): ParsedLine {
  if (logical.comment) return parseAnnotation(logical.text);
  const text = stripComment(logical.text).trim();
  if (text === '') return { kind: 'blank' };
  const inlineVia = viaItems(trailingComment(logical.text));

  if (text.startsWith('-')) {
    const { option, value } = splitOption(text);
    const constraint = INCLUDE_OPTIONS[option];
    if (constraint !== undefined) {
      if (value === '') throw new ExtractError(`${option} needs a file name`, line);
      return URL_SCHEME.test(value) ? { kind: 'ignored' } : { kind: 'include', constraint, target: value };
    }
    if (EDITABLE_OPTIONS.has(option)) return fromUrl(value, inlineVia);
    return { kind: 'ignored' }; // -i, --extra-index-url, -f, --pre, --no-binary, ...
  }

  // Per-requirement options (`--hash=...`, `--config-settings ...`) follow the requirement.
  const option = /\s-[-A-Za-z]/.exec(text);
  const spec = option ? text.slice(0, option.index).trim() : text;
  if (URL_SCHEME.test(spec)) return fromUrl(spec, inlineVia);
  if (looksLikePath(spec)) return { kind: 'ignored' };
  const req = parseRequirement(spec, line);
  const commit = req.url === undefined ? undefined : vcsCommit(req.url);
  return {
    kind: 'requirement',
    name: req.name,
    version: req.url === undefined ? pinnedVersion(req.specifiers) : '',
    ...(commit ? { commit } : {}),
    via: inlineVia ?? [],
  };
}

/**
 * pip treats a requirement as a local path or archive when it starts with `.`, `~` or a drive letter,
 * or when the part before any version specifier contains a path separator or ends like an archive.
 */
function looksLikePath(spec: string): boolean {
  if (/^[.~]/.test(spec) || /^[A-Za-z]:[\\/]/.test(spec)) return true;
  const head = /^[^\s=<>!~;[(@]*/.exec(spec)?.[0] ?? '';
  return head.includes('/') || head.includes('\\') || ARCHIVE.test(head);
}

/** A URL requirement: reported only for a VCS URL naming its package with `#egg=`. */
function fromUrl(url: string, via: string[] | undefined): ParsedLine {
  const target = url.replace(/^["']|["']$/g, '');
  const name = /^(git|hg|svn|bzr)\+/i.test(target) ? eggName(target) : undefined;
  if (name === undefined) return { kind: 'ignored' };
  const commit = vcsCommit(target);
  return { kind: 'requirement', name, version: '', ...(commit ? { commit } : {}), via: via ?? [] };
}

function splitOption(text: string): { option: string; value: string } {
  let option: string;
  let value: string;
  if (text.startsWith('--')) {
    const m = /^--[A-Za-z0-9-]*/.exec(text);
    option = m ? m[0] : '--';
    value = text.slice(option.length);
    if (value.startsWith('=')) value = value.slice(1);
  } else {
    option = text.slice(0, 2);
    value = text.slice(2);
    if (value.startsWith('=')) value = value.slice(1);
  }
  value = value.trim();
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
    value = value.slice(1, -1);
  }
  return { option, value };
}

/** A comment line: a pip-compile `via` header/item, or plain commentary. */
function parseAnnotation(comment: string): ParsedLine {
  const via = viaItems(comment);
  if (via !== undefined) return { kind: 'comment', via };
  const item = comment.trim();
  return item === '' ? { kind: 'comment' } : { kind: 'comment', item };
}

/** `via a, b` -> ['a', 'b']; `via` -> []; anything else -> undefined. */
function viaItems(comment: string | undefined): string[] | undefined {
  if (comment === undefined) return undefined;
  const m = /^\s*via\b(.*)$/.exec(comment);
  if (!m) return undefined;
  const rest = (m[1] ?? '').trim();
  return rest === ''
    ? []
    : rest
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
