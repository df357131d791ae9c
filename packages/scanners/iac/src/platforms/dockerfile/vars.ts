/**
 * Variables and image references: `$NAME` / `${NAME}` substitution with ARG and ENV values, and parsing of
 * `[registry/]name[:tag][@digest]`.
 */
import type { ImageRef } from './model.js';

/** Known values: a string, or `null` for a variable declared without a value (unknown). */
export type Scope = ReadonlyMap<string, string | null>;

function isNameStart(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_';
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

/**
 * Substitutes variables in `value`. Returns `undefined` when a variable is unknown (undeclared or without a
 * value) and no default applies. Supports `$X`, `${X}`, `${X:-d}`, `${X-d}`, `${X:+a}`, `${X+a}`, `\$`.
 */
export function expand(value: string, scope: Scope, escape = '\\'): string | undefined {
  let out = '';
  let i = 0;
  const n = value.length;
  while (i < n) {
    const c = value.charAt(i);
    if (c === escape && value.charAt(i + 1) === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = value.charAt(i + 1);
    if (next === '{') {
      const close = value.indexOf('}', i + 2);
      if (close < 0) return undefined;
      const body = value.slice(i + 2, close);
      let k = 0;
      while (k < body.length && isNameChar(body.charAt(k))) k++;
      const name = body.slice(0, k);
      if (name === '') return undefined;
      const op = body.slice(k);
      const known = scope.get(name);
      if (op === '') {
        if (typeof known !== 'string') return undefined;
        out += known;
      } else if (op.startsWith(':-') || op.startsWith('-')) {
        const fallback = op.slice(op.startsWith(':-') ? 2 : 1);
        if (typeof known === 'string' && !(op.startsWith(':-') && known === '')) out += known;
        else if (known === undefined || op.startsWith(':-')) {
          const inner = expand(fallback, scope, escape);
          if (inner === undefined) return undefined;
          out += inner;
        } else return undefined;
      } else if (op.startsWith(':+') || op.startsWith('+')) {
        if (known === null) return undefined;
        const alternative = op.slice(op.startsWith(':+') ? 2 : 1);
        const set = typeof known === 'string' && !(op.startsWith(':+') && known === '');
        if (set) {
          const inner = expand(alternative, scope, escape);
          if (inner === undefined) return undefined;
          out += inner;
        }
      } else return undefined;
      i = close + 1;
      continue;
    }
    if (isNameStart(next)) {
      let k = i + 1;
      while (k < n && isNameChar(value.charAt(k))) k++;
      const known = scope.get(value.slice(i + 1, k));
      if (typeof known !== 'string') return undefined;
      out += known;
      i = k;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Whether `value` refers to a variable. */
export function hasVariable(value: string): boolean {
  return value.includes('$');
}

/** Parses an image reference; `undefined` for empty, templated or variable references. */
export function parseImageRef(ref: string): ImageRef | undefined {
  // Only the characters of a reference; anything else (`$`, `{`, spaces) is a variable or a template.
  if (ref === '' || !/^[A-Za-z0-9._:@/-]+$/.test(ref)) return undefined;
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first.toLowerCase();
      rest = rest.slice(slash + 1);
    }
  }
  const image: ImageRef = { ref, name: rest.toLowerCase() };
  if (registry !== undefined) image.registry = registry;
  if (tag !== undefined) image.tag = tag;
  if (digest !== undefined) image.digest = digest;
  return image;
}
