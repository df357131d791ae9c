/**
 * Small helpers for Terraform checks: reach nested attributes and blocks, test evaluated values, and report
 * at the most precise place (the attribute when present, else the block header).
 */
import type { IacReport } from '../../check.js';
import { UNKNOWN, type TfAttribute, type TfBlock, type TfResource, type TfValue } from './model.js';

export type Found = {
  value: TfValue;
  range: { start: number; end: number };
  path: string;
  attribute?: TfAttribute;
  block?: TfBlock;
};

/** The first nested block of a type. */
export function block(parent: TfBlock, type: string): TfBlock | undefined {
  return parent.blocks.find((b) => b.type === type);
}

/** Every nested block of a type. */
export function blocks(parent: TfBlock, type: string): TfBlock[] {
  return parent.blocks.filter((b) => b.type === type);
}

/**
 * The value at a dotted path: each step is an attribute, a nested block (its first occurrence) or a key of an
 * object value. `get(b, 'versioning.enabled')` reads `versioning { enabled = true }` as well as
 * `versioning = { enabled = true }`. Undefined when absent.
 */
export function get(parent: TfBlock, dotted: string): Found | undefined {
  const steps = dotted.split('.');
  let current: TfBlock = parent;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const attribute = current.attributes[step];
    if (attribute) {
      let value: TfValue = attribute.value;
      for (const key of steps.slice(i + 1)) {
        if (value === UNKNOWN)
          return { value: UNKNOWN, range: attribute.range, path: attribute.path, attribute };
        if (Array.isArray(value)) value = value[0] ?? null;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
        if (!(key in value)) return undefined;
        value = (value as Record<string, TfValue>)[key]!;
      }
      return { value, range: attribute.range, path: attribute.path, attribute };
    }
    const nested = block(current, step);
    if (!nested) return undefined;
    if (i === steps.length - 1)
      return { value: UNKNOWN, range: nested.range, path: nested.path, block: nested };
    current = nested;
  }
  return undefined;
}

export function isUnknown(value: TfValue | undefined): boolean {
  return value === UNKNOWN;
}

/** True for `true` and the strings Terraform converts to true. */
export function isTrue(value: TfValue | undefined): boolean {
  return value === true || value === 'true';
}

/** True for `false` and `"false"` (not for unknown or absent values). */
export function isFalse(value: TfValue | undefined): boolean {
  return value === false || value === 'false';
}

export function asString(value: TfValue | undefined): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** A list value as an array (a single value becomes a one-element list); unknown stays unknown. */
export function asList(value: TfValue | undefined): TfValue[] | typeof UNKNOWN {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Reports on an attribute/block when found, else on the resource's header line. */
export function reportAt(
  report: IacReport,
  resource: TfResource,
  found: Found | undefined,
  message?: string,
): void {
  const range = found?.range ?? resource.block.headerRange;
  report({
    path: found?.path ?? resource.path,
    start: range.start,
    end: range.end,
    resource: resource.address,
    ...(message !== undefined && { message }),
  });
}
