/**
 * Secret masking. A secret never leaves the worker that found it: snippets and details carry the masked
 * form only. The first four characters stay visible when the secret is long enough for them to identify
 * its type (AKIA..., ghp_...) without weakening it.
 */
export function maskSecret(secret: string): string {
  const visible = secret.length >= 20 ? 4 : 0;
  const hidden = Math.max(4, Math.min(secret.length - visible, 16));
  return secret.slice(0, visible) + '*'.repeat(hidden);
}

/** Replace each range of `text` (offsets relative to `text`) with its masked form. */
export function maskRanges(text: string, ranges: readonly { start: number; end: number }[]): string {
  const sorted = [...ranges]
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(text.length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const range of sorted) {
    if (range.end <= at) continue;
    const start = Math.max(range.start, at);
    out += text.slice(at, start) + maskSecret(text.slice(start, range.end));
    at = range.end;
  }
  return out + text.slice(at);
}
