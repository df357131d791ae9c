import { createHash } from 'node:crypto';
import type { Component, Inventory } from '../model.js';

/** What an SBOM says about itself, beyond the components: decided by the caller so output is reproducible. */
export interface SbomMeta {
  /** The scanned project (CycloneDX `metadata.component`, SPDX root package and document name). */
  name: string;
  /** The project's version, when known. */
  version?: string;
  /**
   * When the SBOM was made: an RFC 3339 string or a Date, written as `YYYY-MM-DDThh:mm:ssZ` (UTC,
   * whole seconds). For reproducible builds pass `sbomTimestamp()`, which honours `SOURCE_DATE_EPOCH`.
   */
  timestamp: string | Date;
  /** Rampart's version, recorded as the tool that made the SBOM. */
  toolVersion: string;
}

/** The tool name written into SBOMs (CycloneDX `tools.components`, SPDX `Tool: rampart-<version>`). */
export const TOOL_NAME = 'rampart';

/**
 * The timestamp for an SBOM: `SOURCE_DATE_EPOCH` (seconds since 1970, https://reproducible-builds.org/
 * specs/source-date-epoch/) when it is set to a non-negative integer, otherwise the current time.
 */
export function sbomTimestamp(
  sourceDateEpoch: string | undefined = process.env.SOURCE_DATE_EPOCH,
  now: () => Date = () => new Date(),
): string {
  const epoch = sourceDateEpoch?.trim();
  if (epoch !== undefined && /^\d{1,12}$/.test(epoch)) return formatTimestamp(new Date(Number(epoch) * 1000));
  return formatTimestamp(now());
}

/** `YYYY-MM-DDThh:mm:ssZ`: valid as CycloneDX `date-time` and as SPDX's `created` format. */
export function formatTimestamp(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid SBOM timestamp: ${String(value)}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Code-unit order, independent of the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * A UUID derived from a SHA-256 digest: its first 128 bits with the RFC 9562 version 8 (custom) and
 * variant bits set, so the same content always gets the same UUID.
 */
export function uuidFromDigest(hex: string): string {
  const bytes = Buffer.from(hex.slice(0, 32), 'hex');
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * The inventory's components sorted by ref, each with its `dependsOn` restricted to refs in the
 * inventory, sorted and de-duplicated. A ref used twice is a bug upstream, not something to guess about.
 */
export function sortedComponents(inventory: Inventory): Component[] {
  const refs = new Set<string>();
  for (const component of inventory.components) {
    if (refs.has(component.ref)) throw new Error(`duplicate component ref in inventory: ${component.ref}`);
    refs.add(component.ref);
  }
  return [...inventory.components]
    .sort((a, b) => compareStrings(a.ref, b.ref))
    .map((component) => ({
      ...component,
      dependsOn: [...new Set(component.dependsOn)]
        .filter((ref) => refs.has(ref) && ref !== component.ref)
        .sort(compareStrings),
      depGroups: [...component.depGroups].sort(compareStrings),
    }));
}

/** A ref for the scanned project that no component uses (component refs contain `#`). */
export function projectRef(meta: SbomMeta, components: readonly Component[]): string {
  const taken = new Set(components.map((c) => c.ref));
  const base = `project:${meta.name}`;
  let ref = base;
  for (let n = 2; taken.has(ref); n++) ref = `${base}-${n}`;
  return ref;
}

/**
 * Text reduced to SPDX's idstring characters (`[A-Za-z0-9.-]`): every run of other characters becomes
 * one `-`, and leading/trailing dashes go. May be empty.
 */
export function idString(text: string): string {
  const replaced = text.replace(/[^A-Za-z0-9.-]+/g, '-');
  let start = 0;
  let end = replaced.length;
  while (start < end && replaced[start] === '-') start++;
  while (end > start && replaced[end - 1] === '-') end--;
  return replaced.slice(start, end);
}

/** `name@version` steps joined for display and for the `rampart:dependencyPath` property. */
export const PATH_SEPARATOR = ' > ';
