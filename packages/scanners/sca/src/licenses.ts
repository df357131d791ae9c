import parse, { type SpdxNode } from 'spdx-expression-parse';

/**
 * The licence policy of `scanner-config.sca.licenses`: a deny list, an allow list, or both. Ids are
 * SPDX licence ids, compared case-insensitively; `-or-later`/`+` forms are distinct ids.
 */
export interface LicensePolicy {
  deny?: readonly string[];
  allow?: readonly string[];
}

export type LicenseVerdict =
  | { ok: true }
  | { ok: false; reason: 'denied' | 'not-allowed' | 'unknown'; expression: string; offending: string[] };

/** Licence ids named by an expression (with `+` written as `-or-later` where SPDX defines it). */
function ids(node: SpdxNode): string[] {
  if ('license' in node) return [node.plus ? `${node.license}+` : node.license];
  return [...ids(node.left), ...ids(node.right)];
}

/** Can the expression be satisfied using only licences for which `ok` holds? (OR: either side; AND: both.) */
function satisfiable(node: SpdxNode, ok: (id: string) => boolean): boolean {
  if ('license' in node) return ok(node.plus ? `${node.license}+` : node.license);
  return node.conjunction === 'or'
    ? satisfiable(node.left, ok) || satisfiable(node.right, ok)
    : satisfiable(node.left, ok) && satisfiable(node.right, ok);
}

function parseExpression(expression: string): SpdxNode | undefined {
  try {
    return parse(expression.trim());
  } catch {
    return undefined;
  }
}

/** True for a string that parses as an SPDX licence expression. */
export function isSpdxExpression(expression: string): boolean {
  return parseExpression(expression) !== undefined;
}

/**
 * Judge a component's licences against the policy. Several recorded licences (a list in the lockfile)
 * all apply, as if joined with AND. A licence that is not an SPDX expression passes a deny list (it
 * names nothing denied) but fails an allow list (nothing shows it is allowed).
 */
export function judgeLicenses(licenses: readonly string[], policy: LicensePolicy): LicenseVerdict {
  if (licenses.length === 0 || (!policy.deny?.length && !policy.allow?.length)) return { ok: true };
  const deny = new Set((policy.deny ?? []).map((id) => id.toLowerCase()));
  const allow = policy.allow?.length ? new Set(policy.allow.map((id) => id.toLowerCase())) : undefined;
  const expression = licenses.join(' AND ');
  const nodes = licenses.map(parseExpression);
  if (nodes.some((n) => n === undefined)) {
    if (!allow) return { ok: true };
    const unknown = licenses.filter((_, i) => nodes[i] === undefined);
    return { ok: false, reason: 'unknown', expression, offending: unknown };
  }
  const trees = nodes as SpdxNode[];
  const notDenied = (id: string) => !deny.has(id.toLowerCase());
  if (!trees.every((t) => satisfiable(t, notDenied))) {
    const offending = [...new Set(trees.flatMap(ids).filter((id) => !notDenied(id)))].sort();
    return { ok: false, reason: 'denied', expression, offending };
  }
  if (allow) {
    const allowed = (id: string) => allow.has(id.toLowerCase()) && notDenied(id);
    if (!trees.every((t) => satisfiable(t, allowed))) {
      const offending = [...new Set(trees.flatMap(ids).filter((id) => !allowed(id)))].sort();
      return { ok: false, reason: 'not-allowed', expression, offending };
    }
  }
  return { ok: true };
}
