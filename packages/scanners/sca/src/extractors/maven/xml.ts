import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ExtractError, lineAt } from '../../model.js';

/**
 * Safe XML parsing for the Maven and Gradle extractors. A lockfile is untrusted input, so:
 * - DTDs are refused outright (a pom.xml or Gradle verification file never has one), which rules out
 *   external entities (XXE) and entity-expansion bombs before the parser sees the text;
 * - the parser's entity processing is off as well, and only the predefined XML entities and numeric
 *   character references are decoded, by `decodeXml`, in the values the extractors read.
 * Syntax errors become ExtractErrors with the line.
 */

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

// Typed as the `Symbol` wrapper upstream; it is a primitive symbol at run time.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

export interface ParseXmlOptions {
  /** Element names that always parse as arrays (repeated elements such as `dependency`). */
  arrays: readonly string[];
  /** Read attributes (without prefix); they share the key space with child elements. */
  attributes?: boolean;
}

export function parseXml(text: string, what: string, options: ParseXmlOptions): XmlNode {
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    throw new ExtractError(
      `${what} has a DOCTYPE declaration; DTDs are not allowed`,
      lineAt(text, doctype.index),
    );
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const unclosed = unclosedElements(validation.err.msg);
    if (unclosed) {
      throw new ExtractError(
        `XML syntax error in ${what}: the file ends inside ${unclosed.map((t) => `<${t}>`).join(' > ')}`,
        lineAt(text, text.trimEnd().length),
      );
    }
    throw new ExtractError(`XML syntax error in ${what}: ${validation.err.msg}`, validation.err.line);
  }
  const arrays = new Set(options.arrays);
  const parser = new XMLParser({
    ignoreAttributes: !options.attributes,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: true,
    captureMetaData: true,
    isArray: (name) => arrays.has(name),
  });
  try {
    return parser.parse(text) as XmlNode;
  } catch (error) {
    throw new ExtractError(`cannot parse ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The validator reports several unclosed elements as `Invalid '[ "a", "b" ]' found.` */
function unclosedElements(message: string): string[] | undefined {
  const match = /^Invalid '(\[.*\])' found\.$/s.exec(message);
  if (!match?.[1]) return undefined;
  try {
    const tags = JSON.parse(match[1]) as unknown;
    return Array.isArray(tags) && tags.every((t) => typeof t === 'string') ? tags : undefined;
  } catch {
    return undefined;
  }
}

/** The element's offsets in the text (start of its start tag, end of its end tag), when known. */
export function spanOf(node: XmlValue | undefined): { start?: number; end?: number } {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return {};
  const meta = (node as Record<symbol, unknown>)[META] as
    { startIndex?: number; endIndex?: number } | undefined;
  if (meta?.startIndex === undefined) return {};
  return { start: meta.startIndex, ...(meta.endIndex !== undefined && { end: meta.endIndex }) };
}

/** A child element (the last one when repeated) as an object, if it is one. */
export function child(node: XmlValue | undefined, name: string): XmlNode | undefined {
  if (!isNode(node)) return undefined;
  const value = last(node[name]);
  return isNode(value) ? value : undefined;
}

/** A child element (the last one when repeated) or attribute as decoded text, if it has text. */
export function text(node: XmlValue | undefined, name: string): string | undefined {
  if (!isNode(node)) return undefined;
  const value = last(node[name]);
  if (typeof value === 'string') return decodeXml(value);
  // An element with attributes or mixed content keeps its text under #text.
  if (isNode(value) && typeof value['#text'] === 'string') return decodeXml(value['#text']);
  return isNode(value) ? '' : undefined;
}

/** Child elements of a repeated element, as objects (empty elements are skipped by the caller). */
export function children(node: XmlValue | undefined, name: string): XmlValue[] {
  if (!isNode(node)) return [];
  const value = node[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function isNode(value: XmlValue | undefined): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function last(value: XmlValue | undefined): XmlValue | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode the predefined XML entities and numeric character references; nothing else is expanded. */
export function decodeXml(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (match, entity: string) => {
    if (!entity.startsWith('#')) return ENTITIES[entity] ?? match;
    const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}
