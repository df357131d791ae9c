/**
 * The structure of `go.mod` (https://go.dev/ref/mod#go-mod-file) as the Go extractor reads it, and
 * the checks on each directive's arguments.
 *
 * A go.mod file is line oriented: each line is a directive `verb arg...`, or a block `verb (` with one
 * argument list per line up to `)`. Arguments are bare words or Go strings ("…" or `…`); `//` starts
 * a comment to the end of the line. A require line whose comment is `indirect` is an indirect
 * dependency.
 */
import { ExtractError } from '../../model.js';

/** One argument with its offsets in the file. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** One directive: a single-line `verb args` or one line of a `verb ( … )` block. */
export interface Directive {
  verb: string;
  args: Token[];
  /** Text of the trailing `//` comment, trimmed; '' when there is none. */
  comment: string;
  line: number;
  /** Offsets of the directive's text on its line (from the verb, or the first argument in a block, to the end of the last token or comment). */
  start: number;
  end: number;
}

/** Directives go.mod knows, with how many arguments each takes. */
export const DIRECTIVE_ARITY: Readonly<Record<string, { min: number; max: number; block: boolean }>> = {
  module: { min: 1, max: 1, block: false },
  go: { min: 1, max: 1, block: false },
  toolchain: { min: 1, max: 1, block: false },
  godebug: { min: 1, max: Infinity, block: true },
  require: { min: 2, max: 2, block: true },
  exclude: { min: 2, max: 2, block: true },
  replace: { min: 3, max: 5, block: true },
  retract: { min: 1, max: Infinity, block: true },
  tool: { min: 1, max: 1, block: true },
  ignore: { min: 1, max: 1, block: true },
};

/** A `replace` directive's two sides; `version` undefined means any version / a directory. */
export interface Replacement {
  from: { path: string; version: string | undefined };
  to: { path: string; version: string | undefined };
  directive: Directive;
}

/** Check a directive's argument count, throwing an ExtractError naming the verb and line. */
export function checkArity(d: Directive): void {
  const arity = DIRECTIVE_ARITY[d.verb];
  if (!arity) throw new ExtractError(`unknown go.mod directive '${d.verb}'`, d.line);
  if (d.args.length < arity.min || d.args.length > arity.max) {
    throw new ExtractError(`malformed ${d.verb} directive: ${describeArgs(d)}`, d.line);
  }
}

/** Split `old [v] => new [v]` into its two sides. */
export function toReplacement(d: Directive): Replacement {
  const words = d.args.map((a) => a.text);
  const arrow = words.indexOf('=>');
  if (arrow < 1 || arrow > 2 || words.length - arrow - 1 < 1 || words.length - arrow - 1 > 2) {
    throw new ExtractError(
      `malformed replace directive: expected 'module [version] => module [version]'`,
      d.line,
    );
  }
  const to = { path: words[arrow + 1] ?? '', version: words[arrow + 2] };
  if (to.version === undefined && !isLocalPath(to.path)) {
    throw new ExtractError(
      `replacement '${to.path}' has no version and is not a directory path (starting with ./, ../ or /)`,
      d.line,
    );
  }
  return { from: { path: words[0] ?? '', version: arrow === 2 ? words[1] : undefined }, to, directive: d };
}

/** A replacement target that is a directory on disk rather than a module. */
export function isLocalPath(path: string): boolean {
  return (
    path === '.' ||
    path === '..' ||
    path.startsWith('./') ||
    path.startsWith('../') ||
    path.startsWith('/') ||
    path.startsWith('.\\') ||
    path.startsWith('..\\') ||
    /^[A-Za-z]:[\\/]/.test(path)
  );
}

function describeArgs(d: Directive): string {
  return d.args.length === 0 ? 'no arguments' : `'${d.args.map((a) => a.text).join(' ')}'`;
}
