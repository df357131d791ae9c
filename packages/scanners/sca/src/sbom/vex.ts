/**
 * VEX (Vulnerability Exploitability eXchange) input: statements that a vulnerability does or does not
 * affect given products, from CycloneDX (`vulnerabilities[].analysis`, JSON or XML) and OpenVEX
 * (https://github.com/openvex/spec) documents.
 *
 * Status mapping from CycloneDX `analysis.state`: `not_affected` and `false_positive` → not_affected
 * (a false positive without a justification gets `false_positive` as its justification), `resolved`
 * and `resolved_with_pedigree` → fixed, `exploitable` → affected, `in_triage` → under_investigation.
 *
 * Products are purls. A CycloneDX `affects[].ref` is resolved through the document's components (a
 * bom-ref, or the `#bom-ref` part of a BOM-Link) or taken as a purl itself. OpenVEX products name
 * their subcomponents where they list them (the packages a scan finds), else the product itself.
 * References that are not purls are dropped; a statement may end up with no products and then
 * matches nothing. CycloneDX `affects[].versions` is not read: a statement covers the referenced
 * component (a purl with a version: that version; without one: every version).
 */
import { validateShape } from '../extractors/validate.js';
import { ExtractError } from '../model.js';
import { parseCycloneDxXml } from './cyclonedx-xml.js';
import { purlKey } from './purl.js';
import { checkCycloneDx, jsonDocumentKind, parseDocumentJson } from './read.js';
import {
  OPENVEX_SCHEMA,
  type CdxBomIn,
  type CdxComponentIn,
  type CdxVulnerabilityIn,
  type OpenVexComponentIn,
  type OpenVexDocumentIn,
} from './schema.js';

export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

export interface VexStatement {
  /** The vulnerability id the statement names (CVE, GHSA, OSV id…). */
  vulnerability: string;
  /** Other ids of the same vulnerability the statement gives (CycloneDX references, OpenVEX aliases). */
  aliases?: string[];
  /** Purls of the packages the statement is about; compared without qualifiers. */
  products: string[];
  status: VexStatus;
  justification?: string;
  /** CycloneDX `analysis.detail`, OpenVEX `impact_statement` (or `status_notes`). */
  detail?: string;
  /** When the statement was made or last updated, if the document says. Later statements win. */
  timestamp?: string;
  /** Path of the VEX document. */
  source: string;
}

const CDX_STATUS: Readonly<Record<string, VexStatus>> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

/** Read VEX statements from a CycloneDX (JSON or XML) or OpenVEX document. */
export function readVex(text: string, path: string): VexStatement[] {
  // trimStart() also drops a byte-order mark.
  if (text.trimStart().startsWith('<'))
    return fromCycloneDx(checkCycloneDx(parseCycloneDxXml(text.trimStart())), path);
  const data = parseDocumentJson(text, 'VEX document');
  switch (jsonDocumentKind(data)) {
    case 'cyclonedx':
      return fromCycloneDx(checkCycloneDx(data), path);
    case 'openvex':
      return fromOpenVex(validateShape<OpenVexDocumentIn>(OPENVEX_SCHEMA, data, 'OpenVEX document'), path);
    default:
      throw new ExtractError(
        'not a VEX document (expected CycloneDX with "vulnerabilities" or OpenVEX with an openvex "@context")',
      );
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined || value === '' ? {} : { [key]: value }) as { [P in K]?: V };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isPurl(text: string): boolean {
  return purlKey(text) !== undefined;
}

function fromCycloneDx(bom: CdxBomIn, source: string): VexStatement[] {
  const purlByRef = new Map<string, string>();
  const visit = (c: CdxComponentIn): void => {
    if (c['bom-ref'] !== undefined && c.purl) purlByRef.set(c['bom-ref'], c.purl);
    for (const child of c.components ?? []) visit(child);
  };
  for (const c of bom.components ?? []) visit(c);
  const root = bom.metadata?.component;
  if (root) visit(root);

  const resolve = (ref: string): string | undefined => {
    const hash = ref.startsWith('urn:cdx:') ? ref.indexOf('#') : -1;
    const local = hash === -1 ? ref : safeDecode(ref.slice(hash + 1));
    const purl = purlByRef.get(local) ?? local;
    return isPurl(purl) ? purl : undefined;
  };

  return (bom.vulnerabilities ?? []).flatMap((v: CdxVulnerabilityIn, index): VexStatement[] => {
    const state = v.analysis?.state;
    if (state === undefined) return [];
    const id = v.id ?? v.references?.[0]?.id;
    if (id === undefined)
      throw new ExtractError(`CycloneDX document: vulnerabilities.${index} has an analysis but no id`);
    const aliases = [...new Set((v.references ?? []).map((r) => r.id).filter((a) => a !== id))];
    const products = [...new Set((v.affects ?? []).flatMap((a) => resolve(a.ref) ?? []))];
    const justification =
      v.analysis?.justification ?? (state === 'false_positive' ? 'false_positive' : undefined);
    return [
      {
        vulnerability: id,
        ...(aliases.length > 0 ? { aliases } : {}),
        products,
        status: CDX_STATUS[state]!,
        ...optional('justification', justification),
        ...optional('detail', v.analysis?.detail),
        ...optional('timestamp', v.analysis?.lastUpdated ?? v.updated),
        source,
      },
    ];
  });
}

function productPurls(p: OpenVexComponentIn): string[] {
  if (typeof p === 'string') return isPurl(p) ? [p] : [];
  const found = [p['@id'], p.identifiers?.purl].filter((s): s is string => s !== undefined && isPurl(s));
  return [...new Set(found)];
}

function fromOpenVex(doc: OpenVexDocumentIn, source: string): VexStatement[] {
  return doc.statements.map((s, index) => {
    const v = s.vulnerability;
    const id = typeof v === 'string' ? v : (v.name ?? v['@id']);
    if (id === undefined || id.trim() === '')
      throw new ExtractError(`OpenVEX document: statements.${index}.vulnerability has no name or @id`);
    const aliases = typeof v === 'string' ? [] : [...new Set((v.aliases ?? []).filter((a) => a !== id))];
    const products = new Set<string>();
    for (const product of s.products ?? []) {
      const subcomponents = typeof product === 'string' ? [] : (product.subcomponents ?? []);
      const purls = subcomponents.length > 0 ? subcomponents.flatMap(productPurls) : productPurls(product);
      for (const purl of purls) products.add(purl);
    }
    return {
      vulnerability: id,
      ...(aliases.length > 0 ? { aliases } : {}),
      products: [...products],
      status: s.status,
      ...optional('justification', s.justification),
      ...optional('detail', s.impact_statement ?? s.status_notes),
      ...optional('timestamp', s.last_updated ?? s.timestamp ?? doc.timestamp),
      source,
    };
  });
}

type PurlKey = ReturnType<typeof purlKey>;

/** Parsed product purls, kept across calls: the same statements are checked for every finding. */
const keyCache = new Map<string, PurlKey>();

function cachedKey(purl: string): PurlKey {
  if (keyCache.has(purl)) return keyCache.get(purl);
  if (keyCache.size >= 10_000) keyCache.clear();
  const key = purlKey(purl);
  keyCache.set(purl, key);
  return key;
}

function productMatches(product: string, target: NonNullable<PurlKey>): boolean {
  const key = cachedKey(product);
  if (!key || key.base !== target.base) return false;
  return key.version === '' || key.version === target.version;
}

function time(statement: VexStatement): number {
  const t = statement.timestamp === undefined ? Number.NaN : Date.parse(statement.timestamp);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/**
 * The statement that suppresses an advisory for a package, if any. Statements about the advisory
 * (its id or any alias, case-insensitively, against the statement's id and aliases) and the package
 * (purl equal ignoring qualifiers; a product purl without a version covers every version) are
 * considered; the latest (by timestamp, then by order) decides, and it suppresses when its status
 * is `not_affected` or `fixed`.
 */
export function vexSuppresses(
  statements: readonly VexStatement[],
  advisoryIds: readonly string[],
  purl: string,
): VexStatement | undefined {
  const target = purlKey(purl);
  if (!target) return undefined;
  const ids = new Set(advisoryIds.map((id) => id.toLowerCase()));
  let latest: VexStatement | undefined;
  for (const statement of statements) {
    const names = [statement.vulnerability, ...(statement.aliases ?? [])];
    if (!names.some((n) => ids.has(n.toLowerCase()))) continue;
    if (!statement.products.some((p) => productMatches(p, target))) continue;
    if (latest === undefined || time(statement) >= time(latest)) latest = statement;
  }
  return latest && (latest.status === 'not_affected' || latest.status === 'fixed') ? latest : undefined;
}
