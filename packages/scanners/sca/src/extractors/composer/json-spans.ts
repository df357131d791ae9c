/**
 * Offsets of the elements of top-level arrays in a JSON document (`packages[i]` of composer.lock), so
 * that findings can point at a package's entry. The text must already have been parsed successfully
 * with JSON.parse; this only walks its structure.
 */

export interface Span {
  start: number;
  end: number;
}

/** For each wanted top-level key whose value is an array, the spans of that array's elements. */
export function topLevelArrayElementSpans(text: string, keys: readonly string[]): Map<string, Span[]> {
  const result = new Map<string, Span[]>();
  let depth = 0;
  let lastString: string | undefined;
  let key: string | undefined;
  let array: Span[] | undefined;
  let elementStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === 1) lastString = JSON.parse(text.slice(i, end)) as string;
      if (depth === 2 && array) array.push({ start: i, end });
      i = end - 1;
    } else if (c === ':' && depth === 1) {
      key = lastString;
    } else if (c === '{' || c === '[') {
      if (depth === 1 && c === '[' && key !== undefined && keys.includes(key)) {
        array = [];
        result.set(key, array);
      } else if (depth === 2 && array) {
        elementStart = i;
      }
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 2 && array && elementStart !== -1) {
        array.push({ start: elementStart, end: i + 1 });
        elementStart = -1;
      } else if (depth === 1) {
        array = undefined;
      }
    } else if (depth === 2 && array && c !== undefined && !/[\s,]/.test(c)) {
      // a scalar element (number, true, false, null)
      let end = i;
      while (end < text.length && !/[\s,\]]/.test(text[end] ?? '')) end++;
      array.push({ start: i, end });
      i = end - 1;
    }
  }
  return result;
}

/** Offset just past the JSON string starting at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
