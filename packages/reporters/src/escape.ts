/** Escaping shared by the text formats. Each function names the context it makes a string safe for. */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function toEntity(char: string): string {
  return ENTITIES[char] ?? char;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, toEntity);
}

// XML 1.0 allows only these characters (https://www.w3.org/TR/xml/#charsets). The others, lone
// surrogates included, cannot even be written as character references, so they are dropped.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML_CHARS, '');
}

/** Escapes `&`, `<` and `>`: enough for element content, HTML or XML, and for Markdown's inline HTML. */
export function escapeMarkupText(text: string): string {
  return text.replace(/[&<>]/g, toEntity);
}

/** Escapes text for XML element content (`>` too, so `]]>` can never appear). */
export function escapeXmlText(text: string): string {
  return escapeMarkupText(stripInvalidXmlChars(text));
}

/**
 * Escapes text for a double-quoted XML attribute. Tabs and line breaks become character references
 * because a parser normalises literal ones in attribute values to spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return stripInvalidXmlChars(text)
    .replace(/[&<>"]/g, toEntity)
    .replace(/[\t\n\r]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Makes JSON safe inside an HTML `<script>` element: `<`, `>` and `&` cannot open a tag, end the
 * script or start a comment, and U+2028/U+2029 cannot break older JavaScript parsers. The result is
 * still valid JSON meaning the same thing.
 */
export function escapeJsonForScript(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, unicodeEscape);
}

// Control characters could drive the terminal (ANSI sequences from a scanned file) and bidi
// overrides could make code read differently than it runs ("Trojan Source", CVE-2021-42574).
// Line feeds and tabs are layout, so they stay.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const HIDDEN_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Replaces control and bidi-override characters with visible `\uXXXX` escapes. */
export function revealHiddenChars(text: string): string {
  return text.replace(HIDDEN_CHARS, unicodeEscape);
}
