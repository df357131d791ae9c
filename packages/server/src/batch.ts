/**
 * Batch sizes for multi-row statements: as large as the dialect's parameter limit allows (SQLite 32766,
 * PostgreSQL 65535) and capped, split so that every batch is a power of two. Statements are prepared
 * once per SQL text, so a bounded set of sizes means a bounded set of prepared statements.
 */
export function batchSizes(total: number, paramsPerRow: number, maxParams: number, maxRows = 4096): number[] {
  if (paramsPerRow < 1) throw new RangeError('paramsPerRow must be at least 1');
  let largest = 1;
  while (largest * 2 <= Math.min(maxRows, Math.floor(maxParams / paramsPerRow))) largest *= 2;
  const sizes: number[] = [];
  let left = total;
  while (left >= largest) {
    sizes.push(largest);
    left -= largest;
  }
  for (let size = largest / 2; size >= 1; size /= 2) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/** `items` cut into consecutive batches of the sizes `batchSizes` gives. */
export function* batches<T>(
  items: readonly T[],
  paramsPerRow: number,
  maxParams: number,
  maxRows?: number,
): Generator<T[]> {
  let start = 0;
  for (const size of batchSizes(items.length, paramsPerRow, maxParams, maxRows)) {
    yield items.slice(start, start + size);
    start += size;
  }
}
