import { INLINE_MARKER, type Diagnostic } from '../scanner.js';
import type { LineIndex } from '../text/line-index.js';

/**
 * Inline suppressions: a comment `rampart-ignore: <rule-id>[,<rule-id>...] <reason>` on the line of a
 * finding or on the line before it. `<scanner>/*` matches every rule of a scanner. A reason is required:
 * a marker without one suppresses nothing and is reported, so every accepted risk says why.
 */
export { INLINE_MARKER };

export interface InlineSuppression {
  line: number;
  ruleIds: string[];
  reason: string;
}

/** A rule id or `<scanner>/*`; anything else after the marker is prose, not a suppression. */
const RULE_SELECTOR = /^[a-z0-9-]{1,64}\/(?:\*|[a-z0-9][a-z0-9.-]{0,127})$/;

const COMMENT_CLOSERS = ['*/', '-->', '#}', '%>', '--%>'];

/**
 * Find every marker in `text`. Unknown rule ids and missing reasons become diagnostics.
 * `isKnownRule` answers for full ids and aliases.
 */
export function parseInlineSuppressions(
  path: string,
  lines: LineIndex,
  isKnownRule: (id: string) => boolean,
  diagnostics: Diagnostic[],
): Map<number, InlineSuppression[]> {
  const byLine = new Map<number, InlineSuppression[]>();
  const text = lines.text;
  let at = text.indexOf(INLINE_MARKER);
  while (at !== -1) {
    const { line } = lines.position(at);
    const lineText = lines.lineText(line);
    const markerColumn = at - lines.lineStart(line);
    const parsed = parseMarker(lineText.slice(markerColumn + INLINE_MARKER.length));
    if (parsed.ruleIds.some((id) => !RULE_SELECTOR.test(id))) {
      // Not a marker but prose about one (docs, strings in code): `rampart-ignore: <rule-id> <reason>`.
    } else if (parsed.ruleIds.length === 0) {
      diagnostics.push({
        level: 'warning',
        code: 'invalid-suppression',
        path,
        line,
        message: 'rampart-ignore needs a rule id and a reason',
      });
    } else if (parsed.reason === '') {
      diagnostics.push({
        level: 'warning',
        code: 'invalid-suppression',
        path,
        line,
        message: `rampart-ignore for ${parsed.ruleIds.join(',')} has no reason; it suppresses nothing until one is given`,
      });
    } else {
      for (const id of parsed.ruleIds) {
        if (!isKnownRule(id)) {
          diagnostics.push({
            level: 'warning',
            code: 'unknown-rule',
            path,
            line,
            message: `rampart-ignore names unknown rule "${id}"`,
          });
        }
      }
      const list = byLine.get(line) ?? [];
      list.push({ line, ruleIds: parsed.ruleIds, reason: parsed.reason });
      byLine.set(line, list);
    }
    at = text.indexOf(INLINE_MARKER, at + INLINE_MARKER.length);
  }
  return byLine;
}

function parseMarker(rest: string): { ruleIds: string[]; reason: string } {
  let body = rest.trim();
  for (const closer of COMMENT_CLOSERS) {
    if (body.endsWith(closer)) body = body.slice(0, -closer.length).trim();
  }
  const space = body.search(/\s/);
  const idPart = space === -1 ? body : body.slice(0, space);
  const reason = space === -1 ? '' : body.slice(space).trim();
  const ruleIds = idPart
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return { ruleIds, reason };
}

/** True when `suppression` names `ruleId` (or one of its aliases, or its scanner with `/*`). */
export function suppressionMatches(
  suppression: InlineSuppression,
  ruleId: string,
  aliases: readonly string[],
): boolean {
  const scannerWildcard = ruleId.slice(0, ruleId.indexOf('/') + 1) + '*';
  return suppression.ruleIds.some((id) => id === ruleId || id === scannerWildcard || aliases.includes(id));
}
