/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined` members dropped. Two
 * equal values always give the same text, which is what the audit chain and content hashes rely on.
 */
export function canonicalJson(value: unknown): string {
  // Fast path: JSON.stringify with a replacer that rebuilds objects with sorted keys. Engines enumerate
  // integer-like keys ("2", "10") first and in numeric order whatever the insertion order, so an object
  // with such a key takes the slow path, which writes keys in code-unit order like every other object.
  let integerKeys = false;
  const fast = JSON.stringify(value, (_key, member: unknown) => {
    if (member === null || typeof member !== 'object' || Array.isArray(member)) {
      if (typeof member === 'number' && !Number.isFinite(member))
        throw new TypeError('canonical JSON: non-finite number');
      if (typeof member === 'bigint') throw new TypeError('canonical JSON: bigint');
      return member;
    }
    const record = member as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    const sorted: Record<string, unknown> = {};
    for (const key of keys) {
      if (!integerKeys && INTEGER_KEY.test(key)) integerKeys = true;
      sorted[key] = record[key];
    }
    return sorted;
  }) as string | undefined;
  if (!integerKeys) return fast ?? 'null';
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

/** Keys that JavaScript engines enumerate before the others (array indices). */
const INTEGER_KEY = /^(?:0|[1-9][0-9]*)$/;

function write(value: unknown, out: string[]): void {
  if (value === null || typeof value !== 'object') {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') {
      out.push('null');
      return;
    }
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError('canonical JSON: non-finite number');
    if (typeof value === 'bigint') throw new TypeError('canonical JSON: bigint');
    out.push(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      write(item, out);
    });
    out.push(']');
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  out.push('{');
  keys.forEach((key, i) => {
    if (i > 0) out.push(',');
    out.push(JSON.stringify(key), ':');
    write(record[key], out);
  });
  out.push('}');
}
