/**
 * The structure of Bundler's `Gemfile.lock` / `gems.locked`, as the extractor reads it.
 *
 * ```text
 * GIT                                   <- source sections: GEM, GIT, PATH, PLUGIN SOURCE
 *   remote: https://github.com/o/r.git  <- 2 spaces: `key: value` options (GIT has `revision:`)
 *   revision: 027dbe2e…
 *   specs:
 *     name (1.2.3)                      <- 4 spaces: a resolved gem, `version[-platform]`
 *       dep (~> 1.0)                    <- 6 spaces: one of its dependencies, by name
 *
 * PLATFORMS / CHECKSUMS                 <- 2-space entries, not read
 * DEPENDENCIES                          <- 2 spaces: the Gemfile's own dependencies;
 *   name (>= 1)!                           `!` means a non-rubygems source
 * RUBY VERSION / BUNDLED WITH           <- 3-space values, not read
 * ```
 *
 * The lockfile does not record Gemfile groups, so development gems are not told apart.
 */
import { ExtractError } from '../../model.js';

export const SOURCE_SECTIONS = ['GEM', 'GIT', 'PATH', 'PLUGIN SOURCE'] as const;
export type SourceSection = (typeof SOURCE_SECTIONS)[number];

/** One line with its indentation and offsets (`start` at the first non-space character). */
export interface Line {
  line: number;
  indent: number;
  text: string;
  start: number;
  end: number;
}

export interface Spec {
  name: string;
  version: string;
  /** The `-platform` suffix of the version, when present (`x86_64-linux`). */
  platform?: string;
  dependencies: string[];
  line: Line;
  /** End offset of its last dependency line. */
  end: number;
}

/** Section headers are upper-case words at column 0. */
export const SECTION_HEADER = /^[A-Z][A-Z ]*$/;

/** `name (version[-platform])` */
export function parseSpecLine(l: Line): { name: string; version: string; platform?: string } {
  const match = /^([^ ()]+) \(([^ ()]+)\)$/.exec(l.text);
  if (!match) throw new ExtractError(`malformed gem spec '${l.text}': expected 'name (version)'`, l.line);
  const name = match[1] ?? '';
  const full = match[2] ?? '';
  const dash = full.indexOf('-');
  if (dash === -1) return { name, version: full };
  return { name, version: full.slice(0, dash), platform: full.slice(dash + 1) };
}

/** `name` or `name (requirements)`; a DEPENDENCIES entry may end in `!`. */
export function parseDependencyLine(l: Line, allowBang: boolean): { name: string; pinnedSource: boolean } {
  const match = /^([^ ()!]+)(?: \(([^()]*)\))?(!?)$/.exec(l.text);
  if (!match || (match[3] === '!' && !allowBang)) {
    throw new ExtractError(
      `malformed dependency '${l.text}': expected 'name' or 'name (requirement)'`,
      l.line,
    );
  }
  return { name: match[1] ?? '', pinnedSource: match[3] === '!' };
}

/** `key: value` option of a source section. */
export function parseOption(l: Line): { key: string; value: string } {
  const colon = l.text.indexOf(':');
  if (colon <= 0)
    throw new ExtractError(`malformed source option '${l.text}': expected 'key: value'`, l.line);
  return { key: l.text.slice(0, colon), value: l.text.slice(colon + 1).trim() };
}
