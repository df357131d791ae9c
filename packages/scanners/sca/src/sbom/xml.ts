/**
 * A small XML writer (elements, attributes, escaped text; two-space indentation) and the helpers the
 * CycloneDX XML reader needs to turn fast-xml-parser's output into strings.
 */

/** An element: text content or child elements (not both), attributes in the order given. */
export interface XmlElement {
  name: string;
  attributes?: readonly (readonly [name: string, value: string])[];
  text?: string;
  children?: readonly XmlElement[];
}

/** Shorthand for an element; `undefined` children are dropped so optional parts can be written inline. */
export function el(
  name: string,
  attributes: readonly (readonly [string, string | undefined])[],
  content?: string | readonly (XmlElement | undefined)[],
): XmlElement {
  const attrs = attributes.filter((a): a is readonly [string, string] => a[1] !== undefined);
  if (typeof content === 'string') return { name, attributes: attrs, text: content };
  return {
    name,
    attributes: attrs,
    children: (content ?? []).filter((c): c is XmlElement => c !== undefined),
  };
}

// XML 1.0 allows only these characters (https://www.w3.org/TR/xml/#charsets); the others, lone
// surrogates included, cannot even be written as character references, so they are dropped.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text content: `&`, `<` and `>` escaped (`>` too, so `]]>` never appears), invalid characters dropped. */
export function escapeXmlText(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * A double-quoted attribute value. Tabs and line breaks become character references, because a
 * parser would normalise literal ones to spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/[&<>"]/g, (c) => ENTITIES[c] ?? c)
    .replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function render(element: XmlElement, indent: string, out: string[]): void {
  const attributes = (element.attributes ?? []).map(([k, v]) => ` ${k}="${escapeXmlAttribute(v)}"`).join('');
  const open = `${indent}<${element.name}${attributes}`;
  if (element.text !== undefined) {
    out.push(`${open}>${escapeXmlText(element.text)}</${element.name}>`);
  } else if (!element.children || element.children.length === 0) {
    out.push(`${open}/>`);
  } else {
    out.push(`${open}>`);
    for (const child of element.children) render(child, `${indent}  `, out);
    out.push(`${indent}</${element.name}>`);
  }
}

/** A complete UTF-8 document with an XML declaration, ending in a newline. */
export function renderXmlDocument(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, '', out);
  return `${out.join('\n')}\n`;
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decode the five predefined entities and character references. The reader parses with entity
 * processing off (no DOCTYPE entities, nothing to expand), so this is all the decoding there is.
 * Anything else (`&foo;`) is left as it is.
 */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[body] ?? whole;
  });
}

/** A parsed node as an object: fast-xml-parser gives `''` for empty elements and strings for text-only ones. */
export type XmlNode = Record<string, unknown>;

export function asNode(value: unknown): XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : {};
}

/** A node that may repeat, as a list (whether or not the parser made it an array). */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The text of an element: plain text (decoded), or `#text`/`#cdata` parts when the element has
 * attributes or CDATA sections (CDATA is taken literally). Undefined when the element is absent.
 */
export function textOf(value: unknown): string | undefined {
  const plain = scalar(value);
  if (plain !== undefined) return decodeXmlEntities(plain);
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return textOf(value[0]);
  const node = value as XmlNode;
  const parts: string[] = [];
  const text = scalar(node['#text']);
  if (text !== undefined) parts.push(decodeXmlEntities(text));
  for (const cdata of asList(node['#cdata'])) parts.push(scalar(cdata) ?? '');
  return parts.join('');
}

/** A string as the parser gives it (values are not type-converted, but be safe about it). */
export function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** An attribute's decoded value. */
export function attributeOf(node: XmlNode, name: string): string | undefined {
  const value = scalar(node[`@_${name}`]);
  return value === undefined ? undefined : decodeXmlEntities(value);
}
