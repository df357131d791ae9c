import parse, { type SpdxNode } from 'spdx-expression-parse';
import { compareStrings, idString } from './meta.js';

/**
 * Licence ids written as CycloneDX `license.id`. That field must be in the SPDX licence list the
 * CycloneDX schema embeds (3.24.0 for CycloneDX 1.6.2), which lags the list `spdx-expression-parse`
 * knows; so only these common ids, all present there (a test checks it), use `license.id`. Any other
 * valid SPDX expression, a lone id included, is written as `expression`, which has no such list.
 */
const CYCLONEDX_LICENSE_IDS: ReadonlySet<string> = new Set([
  '0BSD',
  'AFL-2.1',
  'AFL-3.0',
  'AGPL-3.0',
  'AGPL-3.0-only',
  'AGPL-3.0-or-later',
  'Apache-1.1',
  'Apache-2.0',
  'Artistic-1.0',
  'Artistic-2.0',
  'BlueOak-1.0.0',
  'BSD-1-Clause',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'BSD-3-Clause-Clear',
  'BSL-1.0',
  'CC-BY-3.0',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC0-1.0',
  'CDDL-1.0',
  'CDDL-1.1',
  'curl',
  'EPL-1.0',
  'EPL-2.0',
  'EUPL-1.1',
  'EUPL-1.2',
  'GPL-2.0',
  'GPL-2.0-only',
  'GPL-2.0-or-later',
  'GPL-3.0',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'ISC',
  'LGPL-2.0-only',
  'LGPL-2.0-or-later',
  'LGPL-2.1',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'MIT',
  'MIT-0',
  'MPL-1.1',
  'MPL-2.0',
  'MPL-2.0-no-copyleft-exception',
  'MS-PL',
  'OFL-1.1',
  'OpenSSL',
  'PHP-3.0',
  'PHP-3.01',
  'PostgreSQL',
  'PSF-2.0',
  'Python-2.0',
  'Ruby',
  'Unicode-3.0',
  'Unicode-DFS-2016',
  'Unlicense',
  'UPL-1.0',
  'W3C',
  'WTFPL',
  'X11',
  'Zlib',
  'ZPL-2.1',
]);

/** The ids `license.id` may use (exported for the test that checks them against the schema's list). */
export function cycloneDxLicenseIds(): readonly string[] {
  return [...CYCLONEDX_LICENSE_IDS];
}

function parseExpression(text: string): SpdxNode | undefined {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

type Kind = 'id' | 'expression' | 'name';

function classify(text: string): { kind: Kind; node?: SpdxNode } {
  const node = parseExpression(text);
  if (!node) return { kind: 'name' };
  const single = 'license' in node && !node.plus && node.exception === undefined;
  return { kind: single && CYCLONEDX_LICENSE_IDS.has(node.license) ? 'id' : 'expression', node };
}

function isCompound(node: SpdxNode | undefined): boolean {
  return node !== undefined && !('license' in node);
}

function distinct(licenses: readonly string[]): string[] {
  return [...new Set(licenses.map((l) => l.trim()).filter((l) => l !== ''))];
}

export type CycloneDxLicense =
  { license: { id: string } } | { license: { name: string } } | { expression: string };

/**
 * CycloneDX `licenses` for a component's recorded licences (several recorded licences all apply):
 *
 * - one licence: a common SPDX id → `{license: {id}}`; another valid SPDX expression →
 *   `{expression}`; anything else (`"MIT License"`) → `{license: {name}}`;
 * - several: a list of `{license: {id}}`/`{license: {name}}` when each is a common id or not an
 *   expression; otherwise, when all are valid expressions, one `{expression}` joining them with AND
 *   (CycloneDX allows one expression or a list of licences, never both); otherwise the list, with the
 *   expressions as names.
 */
export function cycloneDxLicenses(licenses: readonly string[] | undefined): CycloneDxLicense[] | undefined {
  const entries = distinct(licenses ?? []);
  if (entries.length === 0) return undefined;
  const classified = entries.map((text) => ({ text, ...classify(text) }));
  const asList = (): CycloneDxLicense[] =>
    classified.map((c) => (c.kind === 'id' ? { license: { id: c.text } } : { license: { name: c.text } }));
  if (classified.length === 1) {
    const only = classified[0]!;
    return only.kind === 'expression' ? [{ expression: only.text }] : asList();
  }
  if (classified.every((c) => c.kind !== 'expression')) return asList();
  if (classified.every((c) => c.kind !== 'name')) {
    return [
      { expression: classified.map((c) => (isCompound(c.node) ? `(${c.text})` : c.text)).join(' AND ') },
    ];
  }
  return asList();
}

/** Licence texts that are not SPDX expressions, as the `LicenseRef-` ids an SPDX document defines for them. */
export class LicenseRefs {
  private readonly byText = new Map<string, string>();
  private readonly used = new Set<string>();

  /** The `LicenseRef-…` id for a licence text, allocated on first use. */
  idFor(text: string): string {
    const known = this.byText.get(text);
    if (known !== undefined) return known;
    const base = `LicenseRef-${idString(text) || 'unknown'}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    this.byText.set(text, id);
    return id;
  }

  /** SPDX `hasExtractedLicensingInfos` entries, sorted by id. */
  extractedLicensingInfos(): { licenseId: string; extractedText: string; name: string }[] {
    return [...this.byText]
      .map(([text, id]) => ({ licenseId: id, extractedText: text, name: text }))
      .sort((a, b) => compareStrings(a.licenseId, b.licenseId));
  }
}

/**
 * An SPDX licence expression for a component's recorded licences: valid expressions as they are,
 * other texts as `LicenseRef-` ids (defined in the document through `refs`), several joined with
 * AND; `NOASSERTION` when none are recorded.
 */
export function spdxLicenseExpression(licenses: readonly string[] | undefined, refs: LicenseRefs): string {
  const entries = distinct(licenses ?? []);
  if (entries.length === 0) return 'NOASSERTION';
  const parts = entries.map((text) => {
    const node = parseExpression(text);
    if (!node) return refs.idFor(text);
    return entries.length > 1 && isCompound(node) ? `(${text})` : text;
  });
  return parts.join(' AND ');
}
